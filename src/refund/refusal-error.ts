import { BusinessError, type ImpError, UnknownOutcomeError, UsageError } from '../core/errors.js';
import { type Message, msg } from '../core/message.js';
import { type Fen, formatYuan } from '../core/money.js';
import { cstClock } from '../core/time.js';
import { english, saidHints } from '../output/messages/errors.js';
import { type HintContext, hintCommand as impCommand } from '../output/shell.js';
import type { BookEntry } from './book.js';
import { damagedJournalError } from './damaged.js';
import type { RefundRefusal } from './refusal.js';

// A refusal as an error: its words are codes (src/output/messages/refund.ts), `message` their English.

/** The shell hints that find out about a refund, or settle it. */
export function resumeHints(ctx: HintContext, refundno: string, orderno?: string): (string | Message)[] {
  const resume = impCommand(ctx, 'refund', '--resume', refundno);
  return [
    msg('refund-find-out', { command: resume }),
    ...(orderno ? [`  ${impCommand(ctx, 'query', '--refund', refundno, '--order', orderno)}`] : []),
  ];
}

/** An amount as an operator confirms it: `1.80 元（180 分）`. */
export function fenSaid(fen: Fen): Message {
  return msg('money-fen', { yuan: formatYuan(fen), fen });
}

/** The earlier refund, as a confirmation names it: number, time (CST), amount, state. */
export function earlierSaid(d: BookEntry): Message {
  return msg('refund-earlier', {
    refundno: d.refundno ?? '',
    when: cstClock(d.at),
    amount: fenSaid(d.amount ?? 0),
    state: msg(`refund-state-${d.state}`),
  });
}

/**
 * The error a refusal ({@link decideRefund}) becomes: its one-line message in the operator's
 * language, exit code and hints. `file`: the journal (named by the damaged-journal refusal).
 */
export function refusalError(
  ctx: HintContext,
  file: string,
  ids: { orderno: string; refundno?: string },
  r: RefundRefusal,
): ImpError {
  switch (r.code) {
    case 'JOURNAL_DAMAGED':
      return damagedJournalError(ctx, file, ids, r.params.lines);
    case 'REFUNDNO_USED':
      return refundnoUsed(ctx, r.params.refundno, r.params.used);
    case 'PAYMENT_DATE_INVALID':
    case 'PAYMENT_NOT_FOUND':
    case 'NOT_PAID':
    case 'PAYMENT_INCOMPLETE':
    case 'AMOUNT_REQUIRED':
      return paymentError(ids.orderno, r);
    case 'REFUND_UNRESOLVED':
      return unresolved(ctx, ids.orderno, r.params.unknown, r.params.same);
    case 'OVER_REFUND':
    case 'VOID_RULE':
      return limitError(ids, r);
    case 'DUPLICATE_REFUND':
      return duplicate(ctx, ids.orderno, r.params.amount, r.params.earlier);
  }
}

type Refusal<C extends RefundRefusal['code']> = Extract<RefundRefusal, { code: C }>;

/** An error class with its message said as a code. */
function said<E extends ImpError>(
  Err: new (message: string, options: ConstructorParameters<typeof UsageError>[1]) => E,
  m: Message,
  options: Omit<NonNullable<ConstructorParameters<typeof UsageError>[1]>, 'hints' | 'said'> & {
    hints?: (string | Message)[];
  },
): E {
  const { hints, ...rest } = options;
  return new Err(english(m), { ...rest, said: m, ...(hints ? saidHints(hints) : {}) });
}

/** The payment is not one a refund can go against (or the amount is missing). */
function paymentError(
  orderno: string,
  r: Refusal<
    'PAYMENT_DATE_INVALID' | 'PAYMENT_NOT_FOUND' | 'NOT_PAID' | 'PAYMENT_INCOMPLETE' | 'AMOUNT_REQUIRED'
  >,
): ImpError {
  switch (r.code) {
    case 'PAYMENT_DATE_INVALID':
      return new UsageError(`prv_trdate: '${r.params.date}' is not a date yyyyMMdd`, { code: r.code });
    case 'PAYMENT_NOT_FOUND': {
      const { respcode, respmsg } = r.params;
      return said(
        BusinessError,
        msg('refund-payment-not-found', { respcode: String(respcode), respmsg: respmsg ?? '' }),
        {
          code: r.code,
          ids: { orderno },
          details: { respcode, respmsg },
        },
      );
    }
    case 'NOT_PAID': {
      const { status, state } = r.params;
      const label = r.params.label ? msg('refund-words', { ...r.params.label }) : String(state);
      return said(BusinessError, msg('refund-not-paid', { orderno, status: status ?? '?', label }), {
        code: r.code,
        ids: { orderno },
        details: { status, state },
      });
    }
    case 'PAYMENT_INCOMPLETE':
      return said(UsageError, msg('refund-payment-incomplete', { missing: r.params.missing.join(', ') }), {
        code: r.code,
        ids: { orderno },
      });
    case 'AMOUNT_REQUIRED':
      return new UsageError('--amount: required (only --void takes the whole paid amount without it)', {
        code: r.code,
      });
  }
}

/** Rules 5 and 6: the amount left, and the void rule. */
function limitError(
  ids: { orderno: string; refundno?: string },
  r: Refusal<'OVER_REFUND' | 'VOID_RULE'>,
): ImpError {
  if (r.code === 'OVER_REFUND') {
    const { paid, already, amount, refundable } = r.params;
    const m = msg('refund-over', {
      paid: fenSaid(paid),
      already: fenSaid(already),
      amount: fenSaid(amount),
      refundable: fenSaid(refundable),
    });
    return said(BusinessError, m, { code: r.code, ids, details: { paid, already, refundable } });
  }
  const p = r.params;
  const why =
    p.why === 'not-whole'
      ? msg('refund-void-not-whole')
      : msg('refund-void-not-today', { paidOn: p.paidOn ?? '', today: p.today ?? '' });
  return said(UsageError, why, { code: r.code, ids, hints: [msg('refund-drop-void')] });
}

/** A second refund of the same order and amount, under --yes without --again. */
function duplicate(ctx: HintContext, orderno: string, amount: number, earlier: BookEntry): ImpError {
  const again = impCommand(ctx, 'refund', orderno, '--amount', formatYuan(amount), '--again');
  return said(UsageError, msg('refund-duplicate', { earlier: earlierSaid(earlier) }), {
    code: 'DUPLICATE_REFUND',
    ids: { orderno, refundno: earlier.refundno },
    hints: [msg('refund-duplicate-again', { command: again })],
  });
}

function refundnoUsed(ctx: HintContext, refundno: string, used: BookEntry): UsageError {
  const failed = used.state === 'failure';
  return said(
    UsageError,
    failed
      ? msg('refund-refundno-failed', { refundno })
      : msg('refund-refundno-used', { refundno, orderno: used.orderno ?? '', state: used.state }),
    {
      code: 'REFUNDNO_USED',
      ids: { orderno: used.orderno, refundno },
      hints: failed ? [] : resumeHints(ctx, refundno, used.orderno),
    },
  );
}

/** A refund of the order whose outcome is still unknown after asking: nothing new may go out. */
function unresolved(ctx: HintContext, orderno: string, first: BookEntry, same: boolean): ImpError {
  const hints = [
    ...resumeHints(ctx, first.refundno ?? '?', orderno),
    `  ${impCommand(ctx, 'journal', 'resolve')}`,
  ];
  const ids = { orderno, refundno: first.refundno };
  const refundno = first.refundno ?? '';
  if (same) {
    // this same refund, sent before: its outcome is still unknown, and nothing new goes out
    const m = msg('refund-unresolved-same', { orderno, refundno, when: cstClock(first.at) });
    return said(UnknownOutcomeError, m, { code: 'REFUND_UNRESOLVED', ids, hints });
  }
  const m = msg('refund-unresolved', { orderno, refundno, yuan: formatYuan(first.amount ?? 0) });
  return said(BusinessError, m, { code: 'REFUND_UNRESOLVED', ids, hints });
}
