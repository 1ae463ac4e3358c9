import { ConfigError } from '../core/errors.js';

/**
 * A profile with `journal.url` must never journal into the local file behind the operator's
 * back: the shared journal's lock and history would not see it. Until a command reads and
 * writes through the journal store, it refuses such a profile (exit 2, nothing sent).
 */
export function refuseLocalFallback(profile: { name: string; journalUrl?: string }): void {
  if (!profile.journalUrl) return;
  throw new ConfigError(
    `profile ${profile.name} has journal.url (a shared journal), and this command does not use the shared journal yet: nothing was sent`,
    {
      code: 'JOURNAL_URL_NOT_YET',
      hints: [
        'with journal.url: imp journal migrate, import, export; imp recon check (--journal), history, differences, settle',
        'for other commands, use a profile without journal.url (the local journal file)',
      ],
    },
  );
}
