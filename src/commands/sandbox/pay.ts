import type { CommandRun } from '../../cli/kit/command.js';
import { BusinessError } from '../../core/errors.js';
import { t } from '../../output/i18n.js';
import { callAdmin, sandboxTarget } from './admin-call.js';

/** `imp sandbox pay <orderno>`: a customer pays a pending sandbox order. */
export const run: CommandRun = async (ctx, { args, opts }) => {
  const orderno = args[0] as string;
  const origin = await sandboxTarget(ctx, opts);
  const { status, doc } = await callAdmin(origin, 'pay', { orderno });
  if (status !== 200) {
    throw new BusinessError(String(doc.error ?? `HTTP ${status}`), { code: 'SANDBOX_PAY', ids: { orderno } });
  }
  const order = doc.order as { transno: string; amount: number; status: string };
  return {
    json: { ok: true, orderno, transno: order.transno, status: order.status },
    render: (out) =>
      out.print(`${out.t(t(`订单 ${orderno} 已支付`, `order ${orderno} paid`))} (${order.transno})`),
  };
};
