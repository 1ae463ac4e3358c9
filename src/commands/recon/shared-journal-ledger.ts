import type { Context } from '../../cli/context.js';
import type { ResolvedProfile } from '../../config/types.js';
import type { JournalLine } from '../../journal/index.js';
import { t } from '../../output/i18n.js';
import type { LedgerSource } from '../../recon/check.js';
import { impCommand } from '../journal/team.js';

/**
 * `recon check --journal` on a profile with `journal.url`: the shared journal, every machine's
 * lines, as the ledger (the cron host sees every operator's refunds). Lines that are not a
 * begin or outcome object are counted and said once, as the file reader does.
 */
export async function sharedJournalLedger(
  ctx: Context,
  profile: ResolvedProfile,
  window: number,
  later: (fn: () => void) => void,
): Promise<LedgerSource> {
  const { openJournalStore } = await import('../../journal/open-store.js');
  const { foldJournal } = await import('../../journal/index.js');
  const { journalLedgerRows } = await import('../../recon/journal-ledger.js');
  const store = await openJournalStore(profile, impCommand(ctx, profile, 'journal migrate'));
  return {
    kind: 'rows',
    pendingIsUnsettled: true,
    label: `journal:${store.label}`,
    rows: async (date) => {
      const lines: JournalLine[] = [];
      let unreadable = 0;
      try {
        for await (const text of store.lines()) {
          const line = parse(text);
          if (line === 'skip') continue;
          if (line) lines.push(line);
          else unreadable++;
        }
      } finally {
        await store.close();
      }
      if (unreadable) {
        later(() =>
          ctx.out.warn(
            ctx.out.t(
              t(
                `共享日志 ${store.label} 有 ${unreadable} 行无法读取，已跳过`,
                `shared journal ${store.label}: ${unreadable} unreadable line${unreadable === 1 ? '' : 's'} skipped`,
              ),
            ),
          ),
        );
      }
      return journalLedgerRows(await foldJournal(lines), date, window);
    },
  };
}

/** A begin or outcome line; `skip` for a dismissal; undefined when unreadable. */
function parse(text: string): JournalLine | 'skip' | undefined {
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    if (!o || typeof o !== 'object' || typeof o.id !== 'string') return undefined;
    if (o.type === 'dismiss') return 'skip';
    if (o.type === 'begin' && typeof o.txn === 'string') return o as unknown as JournalLine;
    if (o.type === 'finish' && typeof o.state === 'string') return o as unknown as JournalLine;
    return undefined;
  } catch {
    return undefined;
  }
}
