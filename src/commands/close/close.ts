import { PAY_TYPE_CODES } from '../../catalogue/enums.js';
import type { CommandRun } from '../../cli/kit/command.js';
import { impCommand } from '../../cli/kit/hint.js';
import { ensureArgs } from '../../cli/kit/prompt.js';
import { BusinessError, UnknownOutcomeError } from '../../core/errors.js';
import { t } from '../../output/i18n.js';
import { prepareTxn } from '../../txn/prepare.js';
import { queryPayment } from '../../txn/queries.js';
import { sendPrepared } from '../../txn/send.js';
import { dryRunResult } from '../shared/order-command.js';
import { outcomeResult } from '../shared/outcome.js';
import { openSession } from '../shared/session.js';

/**
 * `imp close <orderno>` (spec 2.6.9). Queries first and refuses to close a paid
 * order (refund it instead) or one the platform does not know. order_status:
 * 0 closed and 2 already closed → exit 0; 1 paid and 4 no such order → exit 1;
 * 3 system error → exit 3 (call close again).
 */
export const run: CommandRun = async (ctx, input) => {
  const opts = input.opts;
  const values = await ensureArgs(ctx, { orderno: input.args[0] }, [
    { key: 'orderno', flag: '<orderno>', message: { zh: '商户订单号', en: 'merchant order number' } },
  ]);
  const orderno = String(values.orderno);
  const session = await openSession(ctx);
  const extras = opts.field as string[] | undefined;
  let transno = opts.transno ? String(opts.transno) : undefined;
  const fields = () => ({ orderno, ...(transno ? { prv_transno: transno } : {}) });

  if (opts.dryRun) return dryRunResult(await prepareTxn(session, 'close', { fields: fields(), extras }));

  const q = await queryPayment(session, { orderno, transno });
  if (q.respcode !== '00000') {
    throw new BusinessError(
      ctx.out.t(
        t(
          `无法关闭 ${orderno}：${q.respmsg ?? q.respcode}`,
          `cannot close ${orderno}: ${q.respmsg ?? q.respcode}`,
        ),
      ),
      { code: 'CLOSE_QUERY_FAILED', ids: { orderno }, details: { respcode: q.respcode, respmsg: q.respmsg } },
    );
  }
  if (q.state === 'success') {
    throw new BusinessError(
      ctx.out.t(
        t(
          `订单 ${orderno} 已支付，不能关闭：请改为退款`,
          `order ${orderno} is paid and cannot be closed: refund it instead`,
        ),
      ),
      {
        code: 'ORDER_PAID',
        ids: { orderno, transno: q.response.transno },
        hints: [`${impCommand(ctx, 'refund', orderno)} --amount <元>`],
      },
    );
  }
  transno ??= q.response.transno || undefined;
  if (q.response.pay_type === PAY_TYPE_CODES.unionpay) {
    // spec 2.6.9: close is for WeChat and Alipay orders; the platform decides, but say why it may refuse
    ctx.out.warn(
      ctx.out.t(
        t(
          '银联二维码订单不支持关闭（规范 2.6.9），平台可能拒绝',
          'UnionPay QR orders cannot be closed (spec 2.6.9); the platform may refuse',
        ),
      ),
    );
  }
  const outcome = await sendPrepared(
    session,
    await prepareTxn(session, 'close', { fields: fields(), extras }),
  );
  if (outcome.status?.value === '3') {
    throw new UnknownOutcomeError(
      ctx.out.t(
        t(
          `关闭 ${orderno}：平台系统错误，请再次关闭`,
          `close ${orderno}: platform system error, call close again`,
        ),
      ),
      { code: 'CLOSE_RETRY', ids: { orderno }, hints: [impCommand(ctx, 'close', orderno)] },
    );
  }
  return outcomeResult(outcome, {
    extraRows: (out) => [
      [out.t(t('关闭前状态', 'before closing')), q.status ? out.t(q.status.label) : q.state],
    ],
    extraJson: { before: { state: q.state, status: q.status?.value ?? null } },
  });
};
