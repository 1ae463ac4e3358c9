import type { Text } from '../output/i18n.js';

/** The eight transactions of the specification, by the name the CLI uses. */
export const TXN_NAMES = [
  'pay',
  'qrcode',
  'scan',
  'wechat',
  'refund',
  'refundquery',
  'query',
  'close',
] as const;
export type TxnName = (typeof TXN_NAMES)[number];

/**
 * How a field's value is checked. `fen` is an integer amount in 分 (amt_trans),
 * `yuan` a decimal `Number(15.2)` amount, `digits` digits only, `date` yyyyMMdd,
 * `time` HHmmss, `datetime` yyyyMMddHHmmss, `text` anything within the byte length, `id` an
 * identifier (order, refund, serial numbers) that answers echo raw in their `k=v` text: printable
 * ASCII without `&`, `=`, `%`, `+` or spaces (an answer echoing such a value can never verify).
 */
export const FIELD_KINDS = [
  'text',
  'id',
  'digits',
  'fen',
  'yuan',
  'date',
  'time',
  'datetime',
  'url',
  'json',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** One allowed value of an enumerated field, with its meaning. */
export interface EnumValue {
  value: string;
  label: Text;
}

/** One field of a request or answer table of the spec. */
export interface FieldDef {
  name: string;
  /** The type as the spec writes it, e.g. `char(64)`, `Number(15.2)`. */
  specType: string;
  kind: FieldKind;
  /** Maximum length in bytes, a Chinese character counting 2 (spec 2.5.2). */
  maxBytes?: number;
  /** true: always required; 'conditional': required in some cases (see note). */
  required: boolean | 'conditional';
  enum?: readonly EnumValue[];
  label: Text;
  note?: Text;
  example?: string;
  /** Part of the common header (version, encode, trdate…), filled automatically. */
  header?: boolean;
  /** Fixed value the spec prescribes (version=1.0.0, encode=UTF-8, currency=156). */
  fixed?: string;
  /** The spec's own description (说明 column), verbatim, when it says more than the label. */
  description?: string;
  /** `sign`/`sign_type`: added by the signer, so never reported missing before signing. */
  signature?: boolean;
  /**
   * Travels encrypted with the platform's encryption key (spec 2.4.3.2.2 names card and phone
   * numbers). No field of the spec's tables is one: `account` is the member number, plain text.
   */
  encrypt?: boolean;
}

/** How a status value is to be treated: done and good, done and bad, or ask again later. */
export const STATUS_KINDS = ['success', 'failure', 'pending'] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];

/** One value of a status field (e.g. `status=0`), with its kind and bilingual meaning. */
export interface StatusValue {
  value: string;
  kind: StatusKind;
  label: Text;
}

/** A status field and the meaning of each of its values. */
export interface StatusTable {
  field: string;
  values: readonly StatusValue[];
}

/** One transaction of the spec: where it goes, what it carries, what comes back. */
export interface TxnDef {
  name: TxnName;
  label: Text;
  /** Section of the spec, e.g. `2.6.2`. */
  spec: string;
  /** Path under the base URL, e.g. `IMP-CPos/b2c/pay/busConsume.do`. */
  path: string;
  trtype: string;
  subcode: string;
  /** Subcode the answer carries when it differs (close answers `guokai.gpay.closeorder`). */
  answerSubcode?: string;
  /** trtype the answer table gives when it differs from the request's (query and close answer GP00011). */
  answerTrtype?: string;
  request: readonly FieldDef[];
  /** Synchronous answer fields. */
  answer: readonly FieldDef[];
  /** Asynchronous notification fields, for transactions that have them. */
  notify?: readonly FieldDef[];
  /** Status table(s) of the answer, e.g. `status` for payments, `refund_status`, `order_status`. */
  status?: StatusTable;
  /** Status table of the asynchronous notification (there `status` 0 means paid). */
  notifyStatus?: StatusTable;
  /** Subcode the notification carries (`guokai.gpay.consumenotify` for scan and wechat). */
  notifySubcode?: string;
  /** Where the spec contradicts itself or says something operators must know. */
  notes?: readonly Text[];
}
