import type { Context } from '../../cli/kit/context.js';
import { impPrefix } from '../../cli/kit/hint.js';
import type { ResolvedProfile } from '../../config/types.js';
import { ImpError, UsageError } from '../../core/errors.js';
import { t } from '../../output/i18n.js';
import type { ReconHistoryStore } from '../../recon/history-store.js';

/** The database that keeps recon history: `recon.store`, else the journal's PostgreSQL. */
export function historyUrl(profile: ResolvedProfile): string | undefined {
  return profile.recon?.store ?? profile.journalUrl;
}

/**
 * For `recon check`: the history store when the profile has one, else undefined (the check
 * works from files as it always has). No config file at all is the same as no store; a config
 * that does not load is said in one line and the check goes on without history.
 */
export async function optionalReconHistory(ctx: Context): Promise<ReconHistoryStore | undefined> {
  let profile: ResolvedProfile;
  try {
    profile = await ctx.profile();
  } catch (err) {
    if (err instanceof ImpError && err.code === 'CONFIG_NOT_FOUND') return undefined;
    if (err instanceof ImpError && err.code.startsWith('CONFIG')) {
      ctx.out.warn(ctx.out.t(t(`对账历史未保存：${err.message}`, `recon history not kept: ${err.message}`)));
      return undefined;
    }
    throw err;
  }
  const url = historyUrl(profile);
  if (!url) return undefined;
  return openHistory(ctx, profile, url);
}

/** For `recon history|differences|settle`: the store, or one line saying which key to set. */
export async function requireReconHistory(ctx: Context, command: string): Promise<ReconHistoryStore> {
  const profile = await ctx.profile();
  const url = historyUrl(profile);
  if (!url) {
    throw new UsageError(
      `imp recon ${command}: profile ${profile.name} has no recon.store or journal.url (a PostgreSQL database); see README "For a team"`,
      { code: 'NO_RECON_STORE', hints: [`config file: ${profile.configPath}`] },
    );
  }
  return openHistory(ctx, profile, url);
}

async function openHistory(ctx: Context, profile: ResolvedProfile, url: string): Promise<ReconHistoryStore> {
  const { ReconHistoryStore } = await import('../../recon/history-store.js');
  return ReconHistoryStore.open(url, profile.busino, `${impPrefix(ctx)} journal migrate`);
}
