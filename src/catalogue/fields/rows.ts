import { vary } from '../field.js';
import type { FieldDef } from '../types.js';
import { busino, subbusino, term_no } from './merchant.js';
import { amt_trans, currency, currencyAnswered } from './money.js';
import {
  channel_type,
  notify_url,
  onlineflag,
  orderdesc,
  ordernoAnswered,
  ordernoUnique,
  ordertitle,
  return_url,
  transno,
} from './order.js';
import { account, accountAnswered, regname } from './payer.js';
import { imp_tradeno, transdate } from './result.js';

// Runs of rows that several spec tables repeat in the same order; each table spreads them
// between its own rows, so a table still reads top to bottom like the spec's.

/** busino, subbusino, term_no: how the four payment requests open. */
export const PAYMENT_MERCHANT: readonly FieldDef[] = [busino, subbusino, term_no];

/** orderno and transno of a request that creates an order. */
export const NEW_ORDER: readonly FieldDef[] = [ordernoUnique, transno];

/** What a new order costs and sells. */
export const ORDER_GOODS: readonly FieldDef[] = [amt_trans, currency, ordertitle, orderdesc];

/** Where the customer and the notification go, the member, channel and rate (confflag follows). */
export const ORDER_RETURN: readonly FieldDef[] = [
  return_url,
  notify_url,
  account,
  regname,
  channel_type,
  onlineflag,
];

/** orderno, transno, imp_tradeno: how the payment answers open. */
export const PAYMENT_IDS: readonly FieldDef[] = [ordernoAnswered, transno, imp_tradeno];

/** transdate, amount, currency and member of a payment answer; the amount is optional there. */
export const PAYMENT_AMOUNTS: readonly FieldDef[] = [
  transdate,
  vary(amt_trans, { required: false }),
  vary(currencyAnswered, { required: false }),
  accountAnswered,
];
