import type { CommandInput, CommandResult } from '../../cli/kit/command.js';
import type { Context } from '../../cli/kit/context.js';
import { ensureArgs, type Needed } from '../../cli/kit/prompt.js';
import type { ResolvedProfile } from '../../config/types.js';
import { UsageError } from '../../core/errors.js';
import { type Fen, parseYuan, yuanProblem } from '../../core/money.js';
import { t } from '../../output/i18n.js';
import type { Output } from '../../output/output.js';
import { generateOrderNo } from '../../protocol/ids.js';
import type { Fields } from '../../protocol/signer.js';
import { waitCommand } from '../../txn/hints.js';
import { parseWait, waitForFinal } from '../../txn/poll.js';
import { dryRunJson, prepareTxn } from '../../txn/prepare.js';
import { queryPayment } from '../../txn/queries.js';
import { sendPrepared } from '../../txn/send.js';
import type { TxnSession } from '../../txn/session.js';
import type { PreparedTxn, TxnOutcome } from '../../txn/types.js';
import { outcomeResult } from './outcome.js';
import { openSession } from './session.js';

/** The arguments every payment command needs (`--amount`, `--title`, `--desc`). */
export const ORDER_NEEDED: readonly Needed[] = [
  {
    key: 'amount',
    flag: '--amount',
    message: { zh: '金额（元）', en: 'amount (元)' },
    validate: yuanProblem,
  },
  { key: 'title', flag: '--title', message: { zh: '订单主题', en: 'order title' } },
  { key: 'desc', flag: '--desc', message: { zh: '商品描述', en: 'order description' } },
];

/** What a payment command adds to the shared flow. */
export interface OrderCommandSpec {
  txn: 'pay' | 'qrcode' | 'scan' | 'wechat';
  /** Arguments this command needs besides ORDER_NEEDED (may depend on the profile). */
  needed?: readonly Needed[] | ((profile: ResolvedProfile) => Needed[]);
  /** The command's own wire fields from its (filled-in) options. */
  fields: (values: Record<string, unknown>, session: TxnSession) => Fields | Promise<Fields>;
  /** Does `--wait` apply? (wechat: no, the customer pays in the app later). */
  canWait?: boolean;
  /**
   * Extra table rows / JSON / drawing after the table, from the first answer.
   * With `--wait`, `after` is drawn before polling starts (a QR code must be
   * on screen while we wait for someone to scan it).
   */
  present?: (o: TxnOutcome, values: Record<string, unknown>) => Presentation | Promise<Presentation>;
  /** Replace sending altogether (pay --form writes the browser form instead). */
  instead?: (
    p: PreparedTxn,
    values: Record<string, unknown>,
    ctx: Context,
  ) => Promise<CommandResult | undefined>;
}

/** What {@link OrderCommandSpec.present} returns. */
export type Presentation = NonNullable<Parameters<typeof outcomeResult>[1]>;

/** The prepared fields common to every payment command. */
export function orderFields(orderno: string, amount: Fen, values: Record<string, unknown>): Fields {
  const f: Fields = {
    orderno,
    amt_trans: String(amount),
    ordertitle: String(values.title),
    orderdesc: String(values.desc),
  };
  if (values.notifyUrl) f.notify_url = String(values.notifyUrl);
  return f;
}

/** Render the `--dry-run` result. */
export function dryRunResult(p: PreparedTxn): CommandResult {
  return {
    json: dryRunJson(p),
    render: (out: Output) => {
      out.print(out.t(t(`（演练：未发送）POST ${p.url}`, `(dry run: nothing sent) POST ${p.url}`)));
      out.print(`${out.t(t('待签名串', 'canonical'))}: ${p.canonicalMasked}`);
      out.print(`${out.t(t('报文', 'body'))}: ${p.body}`);
    },
  };
}

/**
 * pay, qrcode, scan and wechat share this flow: prompt or name what is missing,
 * generate the order number (always printed), build/validate/sign, `--dry-run`,
 * journal + send, then `--wait` polls the payment query until a final state.
 */
export async function runOrderCommand(
  ctx: Context,
  input: CommandInput,
  spec: OrderCommandSpec,
): Promise<CommandResult> {
  const opts = input.opts;
  if (input.args.length > 0) throw new UsageError(`unexpected argument: ${input.args[0]}`);
  const session = await openSession(ctx);
  const needed = typeof spec.needed === 'function' ? spec.needed(session.profile) : (spec.needed ?? []);
  const values = await ensureArgs(ctx, { ...opts }, [...ORDER_NEEDED, ...needed]);
  const amount = parseYuan(String(values.amount));
  const wait = spec.canWait === false ? undefined : parseWait(opts.wait);
  const orderno = opts.order ? String(opts.order) : generateOrderNo();
  const fields = { ...orderFields(orderno, amount, values), ...(await spec.fields(values, session)) };
  // The spec's tables mark return_url required for qrcode/scan/wechat too, where no browser
  // ever comes back: without a configured returnUrl, send the notify URL rather than refuse.
  if (spec.txn !== 'pay' && !fields.return_url && !session.profile.returnUrl) {
    const fallback = fields.notify_url ?? session.profile.notifyUrl;
    if (fallback) fields.return_url = fallback;
  }
  const prepared = await prepareTxn(session, spec.txn, { fields, extras: opts.field });
  if (opts.dryRun) return dryRunResult(prepared);
  if (spec.instead) {
    const r = await spec.instead(prepared, values, ctx);
    if (r) return r;
  }
  ctx.out.note(ctx.out.t(t(`商户订单号：${orderno}`, `order no: ${orderno}`)));
  const first = await sendPrepared(session, prepared);
  const present: Presentation = (await spec.present?.(first, values)) ?? {};
  let final = first;
  if (wait !== undefined && first.state === 'pending') {
    if (present.after && !ctx.global.json) {
      await present.after(ctx.out);
      present.after = undefined;
    }
    const transno = first.response.transno || undefined;
    final = await waitForFinal(session, {
      ask: () => queryPayment(session, { orderno, transno }, { retries: 0 }),
      seconds: wait,
      ids: { ...first.request },
      txn: 'query',
      label: ctx.out.t(t(`等待支付结果 ${orderno}`, `waiting for payment of ${orderno}`)),
    });
    final = { ...final, request: { ...first.request, ...final.request, serialno: first.request.serialno } };
  }
  // Left pending without --wait: say how to find out, as a command that works from anywhere.
  const next =
    wait === undefined && spec.canWait !== false && final.state === 'pending'
      ? waitCommand(session, orderno)
      : undefined;
  const drawn = present.after;
  return outcomeResult(final, {
    ...present,
    after: async (out) => {
      await drawn?.(out);
      if (next)
        out.note(out.t(t(`下一步（等待顾客支付）：${next}`, `next (wait for the customer to pay): ${next}`)));
    },
    extraJson: {
      ...(present.extraJson ?? {}),
      ...(final !== first ? { applied: { ...first.response } } : {}),
      ...(next ? { next } : {}),
    },
  });
}
