import { PAY_TYPE_CODES } from '../catalogue/enums.js';
import { CATALOGUE, statusOf } from '../catalogue/index.js';
import type { TxnDef, TxnName } from '../catalogue/types.js';
import type { Fen } from '../core/money.js';
import { cstParts } from '../core/time.js';
import type { Text } from '../output/i18n.js';
import { randomDigits } from '../protocol/ids.js';
import type { Fields } from '../protocol/signer.js';

/** What `imp notify send` puts in a payment notification. */
export interface PaymentNotificationInput {
  orderno: string;
  status: 'paid' | 'failed';
  amount: Fen;
  busino?: string;
  txn?: TxnName;
  now?: Date;
}

/** What a notification's header carries besides the transaction's codes. */
export interface NotificationHeader {
  /** CST date (yyyyMMdd) and time (HHmmss) of sending. */
  date: string;
  time: string;
  serialno: string;
}

/**
 * A payment notification as the platform builds it: the fields of `txn`'s notification
 * table (spec 2.6.x.5), in table order, unsigned (`certid` and `sign` are the signer's,
 * `dev` is not sent): the header, then `values`. Fields neither gives stay empty: the
 * platform signs them that way. The sandbox's notifier builds its notifications here too.
 */
export function notificationFields(txn: TxnDef, head: NotificationHeader, values: Fields): Fields {
  const header: Fields = {
    version: '1.0.0',
    encode: 'UTF-8',
    trdate: head.date,
    trtime: head.time,
    trtype: txn.trtype,
    subcode: txn.notifySubcode ?? txn.subcode,
    serialno: head.serialno,
    respcode: '00000',
    // as the spec's notification example has it (2.6.6.6)
    respmsg: '交易成功',
  };
  const fields: Fields = {};
  for (const def of txn.notify ?? []) {
    if (def.signature || def.name === 'certid' || def.name === 'dev') continue;
    fields[def.name] = header[def.name] ?? values[def.name] ?? '';
  }
  return fields;
}

/** `imp notify send`'s notification: made-up platform identifiers around the given order. */
export function buildPaymentNotification(input: PaymentNotificationInput): Fields {
  const { date, time } = cstParts(input.now);
  const paid = input.status === 'paid';
  const head = { date, time, serialno: `N${date}${time}${randomDigits(8)}` };
  return notificationFields(CATALOGUE[input.txn ?? 'pay'], head, {
    busino: input.busino ?? '',
    orderno: input.orderno,
    transno: `ORDE${date}${randomDigits(8)}`,
    imp_tradeno: `${date}${time}${randomDigits(12)}`,
    transdate: date,
    status: paid ? '0' : '4',
    amt_trans: String(input.amount),
    currency: '156',
    settle_amt: paid ? String(input.amount) : '',
    settle_date: paid ? date : '',
    settle_currency: '156',
    pay_type: PAY_TYPE_CODES.alipay,
  });
}

/** The payment transaction a notification belongs to, by its subcode (else trtype). */
export function notificationTxn(fields: Fields): TxnDef | undefined {
  const all = Object.values(CATALOGUE).filter((t) => t.notify);
  return (
    all.find((t) => t.subcode === fields.subcode) ??
    all.find((t) => t.notifySubcode === fields.subcode) ??
    all.find((t) => t.trtype === fields.trtype)
  );
}

/** The notification's status in words (0 paid, 4 failed…), from the catalogue's notification table. */
export function notificationStatus(fields: Fields): Text | undefined {
  const txn = notificationTxn(fields) ?? CATALOGUE.pay;
  return fields.status === undefined ? undefined : statusOf(txn, fields.status, 'notify')?.label;
}
