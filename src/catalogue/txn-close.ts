import { t } from '../output/i18n.js';
import { field } from './field.js';
import { answerHeader, REQUEST_HEADER, SIGN_FIELDS } from './header.js';
import { CLOSE_STATUS } from './status.js';
import type { TxnDef } from './types.js';

/** Spec 2.6.9. */
export const CLOSE: TxnDef = {
  name: 'close',
  label: t('关闭订单', 'close order'),
  spec: '2.6.9',
  path: 'IMP-CPos/b2c/pay/busCloseOrder.do',
  trtype: 'GP00013',
  subcode: 'guokai.gpay.consume',
  answerSubcode: 'guokai.gpay.closeorder',
  request: [
    ...REQUEST_HEADER,
    field('busino', 'char(30)', true, t('商户号', 'merchant number')),
    field('subbusino', 'Char(30)', 'conditional', t('子商户号', 'sub-merchant number'), {
      note: t('平台商接入必须送', 'required when connecting as a platform (agent) merchant'),
      description: '子商户号，平台商接入必须送',
    }),
    field('orderno', 'char(30)', true, t('商户订单号', 'merchant order number'), {
      description: '商户订单号，商户端保证唯一',
    }),
    field('prv_transno', 'char(30)', false, t('原IMP平台订单号', 'original IMP order number')),
    field('prv_tradeno', 'Char(32)', false, t('原IMP平台支付流水号', 'original IMP payment serial')),
    field('prv_trdate', 'varchar(14)', false, t('原订单日期', 'original transaction date'), {
      kind: 'digits',
      note: t('varchar(14)：yyyyMMdd 或 yyyyMMddHHmmss', 'varchar(14): yyyyMMdd or yyyyMMddHHmmss'),
    }),
    ...SIGN_FIELDS,
  ],
  answer: [
    ...answerHeader(),
    field('orderno', 'varchar(30)', true, t('商户订单流水号', 'merchant order number')),
    field('pay_serialno', 'varchar(30)', false, t('商户订单流水号', 'payment serial'), {
      note: t(
        '规范对此字段的说明与 orderno 相同，含义不明',
        'the spec describes it exactly like orderno; meaning unclear',
      ),
    }),
    field('prv_trdate', 'varchar(14)', false, t('原订单日期', 'original transaction date'), {
      kind: 'digits',
      note: t('varchar(14)：yyyyMMdd 或 yyyyMMddHHmmss', 'varchar(14): yyyyMMdd or yyyyMMddHHmmss'),
    }),
    field('order_status', 'char(1)', true, t('订单状态', 'order status'), {
      kind: 'digits',
      description:
        '订单状态：0-订单关闭成功1-订单已支付(请调用退款交易) 2-订单已关闭，无法重复关闭 3-系统错误，请重新调用该接口) 4-订单不存在',
    }),
    ...SIGN_FIELDS,
  ],
  status: CLOSE_STATUS,
  notes: [
    t(
      '请求子码为 guokai.gpay.consume，应答为 guokai.gpay.closeorder；应答 trtype 示例为 GP00011。',
      "The request subcode is guokai.gpay.consume, the answer's guokai.gpay.closeorder; the answer's trtype example is GP00011.",
    ),
    t(
      '仅支持微信、支付宝交易，银联二维码不支持关单；关单前先查询，未支付才关闭。',
      'WeChat and Alipay only, not UnionPay QR; query first and close only if unpaid.',
    ),
  ],
};
