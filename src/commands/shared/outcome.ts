import { SIGN_FIELDS } from '../../catalogue/header.js';
import { getTxn } from '../../catalogue/index.js';
import type { FieldDef } from '../../catalogue/types.js';
import type { CommandResult } from '../../cli/kit/command.js';
import { ExitCode } from '../../core/exit-codes.js';
import { parseFen } from '../../core/money.js';
import { shown } from '../../output/escape.js';
import { t } from '../../output/i18n.js';
import { describeFen } from '../../output/messages/money.js';
import { STATE_WORDS } from '../../output/messages/txn.js';
import type { Output } from '../../output/output.js';
import { Tone, toned } from '../../output/style.js';
import { type Cell, renderPairs, styled } from '../../output/table.js';
import type { Fields } from '../../protocol/signer.js';
import type { TxnOutcome } from '../../txn/types.js';

/** The state in words, coloured: green final, yellow pending, red failed. */
export function stateText(out: Output, o: Pick<TxnOutcome, 'state' | 'status'>): string {
  const words = o.status
    ? `${out.t(o.status.label)} (${o.status.field}=${o.status.value})`
    : out.t(STATE_WORDS[o.state]);
  const tone = o.state === 'success' ? Tone.ok : o.state === 'failure' ? Tone.failed : Tone.pending;
  return toned(out, tone, words);
}

/** Answer fields as JSON values: integer-分 fields (`Int` in the spec) become numbers. */
export function jsonResponse(o: TxnOutcome): Record<string, string | number> {
  const txn = getTxn(o.txn);
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(o.response)) {
    const def = txn.answer.find((f) => f.name === k);
    const fen = def?.kind === 'fen' ? parseFen(v) : undefined;
    out[k] = fen ?? v;
  }
  return out;
}

/**
 * The `--json` document of a transaction:
 * `{ok, state, respcode, respmsg, verified, request: {…ids}, response: {…all fields}}`.
 */
export function outcomeJson(
  o: TxnOutcome,
  ok: boolean,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ok,
    txn: o.txn,
    state: o.state,
    respcode: o.respcode ?? null,
    respmsg: o.respmsg ?? null,
    verified: o.verified,
    status: o.status ? { field: o.status.field, value: o.status.value, label: o.status.label } : null,
    request: o.request,
    response: jsonResponse(o),
    ...extra,
  };
}

const SIGN_NAMES = new Set(SIGN_FIELDS.map((f) => f.name));
const SHOWN = new Set(['respcode', 'respmsg', 'orderno', 'transno', 'refundno', 'serialno', 'certid']);

/** Label/value rows for the answer's other fields, amounts as 元 with 分. */
function answerRows(out: Output, o: TxnOutcome, fields: Fields): [string, string][] {
  const txn = getTxn(o.txn);
  const rows: [string, string][] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (SHOWN.has(k) || SIGN_NAMES.has(k) || v === '') continue;
    const def = txn.answer.find((f) => f.name === k);
    // the catalogue's header fields (version, trdate, trtype…) say nothing to an operator
    if (def?.header) continue;
    if (o.status && k === o.status.field) continue;
    if (k === 'amt_trans' && String(o.request.amount) === v) continue; // already the amount row
    const label = def ? `${out.t(def.label)} (${k})` : k;
    rows.push([label, displayValue(out, def, v)]);
  }
  return rows;
}

/** A field value for people: 分 as 元 with 分, 元 amounts with their unit, enum codes with their meaning. */
function displayValue(out: Output, def: FieldDef | undefined, v: string): string {
  const fen = def?.kind === 'fen' ? parseFen(v) : undefined;
  if (fen !== undefined) return describeFen(fen, out.lang);
  if (def?.kind === 'yuan') return `${v} ${out.t(t('元', 'yuan'))}`;
  const meaning = def?.enum?.find((e) => e.value === v);
  return meaning ? `${v} ${out.t(meaning.label)}` : v;
}

/** The result table of one transaction (cli-table3). */
export function renderOutcome(
  out: Output,
  o: TxnOutcome,
  extraRows: [string, string | undefined][] = [],
): string {
  const txn = getTxn(o.txn);
  const amount = o.request.amount;
  const pairs: [string, Cell | undefined][] = [
    [out.t(t('交易', 'transaction')), `${out.t(txn.label)} (${o.txn})`],
    [out.t(t('状态', 'state')), styled(stateText(out, o))],
    [out.t(t('响应', 'response')), [o.respcode, o.respmsg].filter(Boolean).join(' ')],
    [out.t(t('商户订单号', 'order no')), o.request.orderno ?? o.response.orderno],
    [out.t(t('退款单号', 'refund no')), o.request.refundno ?? o.response.refundno],
    [out.t(t('IMP 订单号', 'IMP order no')), o.response.transno || o.request.transno],
    [out.t(t('金额', 'amount')), amount === undefined ? undefined : describeFen(amount, out.lang)],
    ...extraRows,
    ...answerRows(out, o, o.response),
    [out.t(t('流水号', 'serial no')), o.request.serialno],
    [
      out.t(t('签名', 'signature')),
      styled(
        toned(
          out,
          Tone.ok,
          out.t(
            t(
              `已验证${o.certid ? `（${shown(o.certid)}）` : ''}`,
              `verified${o.certid ? ` (${shown(o.certid)})` : ''}`,
            ),
          ),
        ),
      ),
    ],
  ];
  return renderPairs(out, pairs);
}

/**
 * Exit code of a verified outcome: 1 for a business failure, else 0. Pending
 * is 0: the platform accepted the request and the user chose not to `--wait`
 * (the table shows the state; `--wait` turns a non-final end into exit 3).
 */
export function exitCodeOf(o: TxnOutcome): ExitCode {
  return o.state === 'failure' ? ExitCode.business : ExitCode.ok;
}

/** A CommandResult for one outcome: table (plus extra lines) or the JSON document. */
export function outcomeResult(
  o: TxnOutcome,
  opts: {
    extraRows?: (out: Output) => [string, string | undefined][];
    extraJson?: Record<string, unknown>;
    after?: (out: Output) => void | Promise<void>;
  } = {},
): CommandResult {
  const exitCode = exitCodeOf(o);
  return {
    exitCode,
    json: outcomeJson(o, exitCode === ExitCode.ok, opts.extraJson),
    render: async (out) => {
      out.print(renderOutcome(out, o, opts.extraRows?.(out) ?? []));
      await opts.after?.(out);
    },
  };
}
