import type { Context } from '../../cli/kit/context.js';
import { impPrefix } from '../../cli/kit/hint.js';
import type { ResolvedProfile } from '../../config/types.js';
import { UsageError } from '../../core/errors.js';
import { Journal } from '../../journal/journal.js';

export { shellArg } from '../../output/shell.js';

/**
 * `imp -c <config> [-p <profile>] <rest>`: a command for a person to run, reaching the same
 * profile from any directory (the config file's absolute path; `-p` when it was chosen).
 */
export function impCommand(
  ctx: Context,
  _profile: Pick<ResolvedProfile, 'configPath'>,
  rest: string,
): string {
  return `${impPrefix(ctx)} ${rest}`;
}

/** The profile's `journal.url`, or one line saying the command needs it. */
export function requireJournalUrl(profile: ResolvedProfile, command: string): string {
  if (!profile.journalUrl) {
    throw new UsageError(
      `imp journal ${command}: profile ${profile.name} has no journal.url (a shared PostgreSQL journal); see README "For a team"`,
      { code: 'NO_JOURNAL_URL', hints: [`config file: ${profile.configPath}`] },
    );
  }
  return profile.journalUrl;
}

/** The selected profile's journal, file or shared (its schema hint reaching this profile). */
export async function profileJournal(ctx: Context): Promise<Journal> {
  const profile = await ctx.profile();
  return Journal.forProfile(profile, impCommand(ctx, profile, 'journal migrate'));
}
