import { resolve } from 'node:path';
import type { TxnName } from '../catalogue/types.js';
import type { Context } from '../cli/context.js';
import { CONFIG_FILE_NAME } from '../config/schema.js';
import type { TxnSession } from './session.js';
import type { TxnIds } from './types.js';

/** Quote an argument for a shell only when it needs it. */
function sh(arg: string): string {
  return /^[\w.:/@%+=-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * `-c file -p name` when they were needed to get here, so the printed command talks to the same
 * platform from any directory: the config path absolute, and given also when it was found as
 * ./imp.config.json (another directory would not find it). $IMP_CONFIG/$IMP_PROFILE and the
 * per-user config follow the user anywhere.
 */
export function printedGlobalArgs(ctx: Context, configPath: string | undefined): string {
  const { global: g, cwd } = ctx;
  const parts: string[] = [];
  const foundInCwd = !g.config && !ctx.env.IMP_CONFIG && configPath === resolve(cwd, CONFIG_FILE_NAME);
  if (g.config || foundInCwd) parts.push('-c', sh(g.config ? resolve(cwd, g.config) : (configPath ?? '')));
  if (g.profile) parts.push('-p', sh(g.profile));
  return parts.length ? ` ${parts.join(' ')}` : '';
}

const globalArgs = (session: TxnSession) => printedGlobalArgs(session.ctx, session.profile.configPath);

/** The command that waits for a payment left pending (pay/qrcode without `--wait`). */
export function waitCommand(session: TxnSession, orderno: string): string {
  return `imp${globalArgs(session)} query ${sh(orderno)} --wait`;
}

/**
 * The exact command that finds out what happened to a request: the payment
 * query for payments and close, the refund query for refunds.
 */
export function findOutCommand(session: TxnSession, txn: TxnName, ids: TxnIds): string | undefined {
  const g = globalArgs(session);
  if ((txn === 'refund' || txn === 'refundquery') && ids.refundno && ids.orderno) {
    return `imp${g} query --refund ${sh(ids.refundno)} --order ${sh(ids.orderno)}`;
  }
  if (ids.orderno) return `imp${g} query ${sh(ids.orderno)}`;
  return undefined;
}

/** Hint lines for an outcome-unknown error. */
export function unknownHints(session: TxnSession, txn: TxnName, ids: TxnIds): string[] {
  const zh = session.ctx.lang === 'zh';
  const cmd = findOutCommand(session, txn, ids);
  const lines: string[] = [];
  if (txn === 'query' || txn === 'refundquery') {
    lines.push(zh ? '查询本身没有结果，可稍后重试：' : 'the query itself got no answer; try again later:');
  } else {
    lines.push(
      zh
        ? '该请求可能已被处理，也可能没有。不要用新单号重发，先查询：'
        : 'the request may or may not have been processed. Do not re-send under a new number; find out with:',
    );
  }
  if (cmd) lines.push(`  ${cmd}`);
  lines.push(
    zh
      ? '或 imp journal resolve（查询所有未决请求）'
      : 'or imp journal resolve (queries every unsettled request)',
  );
  return lines;
}
