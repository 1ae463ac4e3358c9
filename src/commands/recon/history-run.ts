import type { Context } from '../../cli/kit/context.js';
import { t } from '../../output/i18n.js';
import { openBankFile } from '../../recon/bank-file.js';
import type { CarryStore } from '../../recon/carry-store.js';
import type { LedgerSource } from '../../recon/check.js';
import type { ReconHistoryStore } from '../../recon/history-store.js';
import type { ReconResult } from '../../recon/types.js';

type DbCarry = ReturnType<ReconHistoryStore['carry']>;

/**
 * The carry of a check with a history database: `--carry` when given (the file, as asked),
 * else the database's, when there is a ledger and a bank day to carry between.
 */
export async function carryFor(
  history: ReconHistoryStore,
  file: string,
  flag: string | undefined,
  ledger: LedgerSource,
): Promise<string | CarryStore | undefined> {
  if (flag) return flag;
  if (ledger.kind === 'none') return undefined;
  const info = await openBankFile(file);
  return info.date ? history.carry() : undefined;
}

/** Store the check (summary, differences, this day's carried orders); a file without a day is said, not stored. */
export async function keepRun(
  ctx: Context,
  history: ReconHistoryStore,
  result: ReconResult,
  carry: string | CarryStore | undefined,
): Promise<void> {
  const date = result.summary.date;
  if (!date) {
    ctx.out.warn(
      ctx.out.t(
        t(
          `对账历史未保存：无法确定 ${result.summary.file} 的对账日`,
          `recon history not kept: the bank day of ${result.summary.file} is unknown`,
        ),
      ),
    );
    return;
  }
  // the database's carry holds what the check saved; a --carry file keeps its own
  const saved = typeof carry === 'object' && 'saved' in carry ? (carry as DbCarry).saved : undefined;
  await history.saveRun(result, saved?.days[date]);
}
