import type { ResolvedProfile } from '../config/types.js';
import { journalPath } from './entry-id.js';
import type { JournalStore } from './store.js';

/**
 * The profile's journal store: the shared PostgreSQL one when `journal.url` is set, else the
 * local file. `migrateHint` is the command a person runs to create the schema (with the
 * `-c`/`-p` that reach this profile).
 */
export async function openJournalStore(
  profile: Pick<ResolvedProfile, 'journalDir' | 'name' | 'busino' | 'journalUrl'>,
  migrateHint: string,
): Promise<JournalStore> {
  if (profile.journalUrl) {
    const { PgJournalStore } = await import('./pg-store.js');
    return new PgJournalStore(profile.journalUrl, profile.busino, profile.name, migrateHint);
  }
  const { FileJournalStore } = await import('./file-store.js');
  return new FileJournalStore(journalPath(profile));
}
