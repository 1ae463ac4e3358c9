import type { CommandRun } from '../../cli/kit/command.js';
import { UsageError } from '../../core/errors.js';
import { t } from '../../output/i18n.js';
import type { Output } from '../../output/output.js';
import type { TxnOutcome } from '../../txn/types.js';
import { runOrderCommand } from '../shared/order-command.js';

/** The parameters a front end passes to WeixinJSBridge / wx.requestPayment. */
export function jsapiParams(o: TxnOutcome, appid: string, mini: boolean): Record<string, string> {
  const r = o.response;
  const pkg = r.package ?? '';
  const params: Record<string, string> = {
    ...(mini ? {} : { appId: appid }),
    timeStamp: r.timeStamp ?? '',
    nonceStr: r.nonceStr ?? '',
    package: pkg === '' || pkg.startsWith('prepay_id=') ? pkg : `prepay_id=${pkg}`,
    signType: r.signType ?? '',
    paySign: r.paySign ?? '',
  };
  return params;
}

/** `imp wechat`: 微信下单 (spec 2.6.8), prints the JSAPI parameters ready to paste. */
export const run: CommandRun = (ctx, input) => {
  if (input.opts.mini && input.opts.mp) throw new UsageError('--mini and --mp exclude each other');
  const mini = !!input.opts.mini;
  return runOrderCommand(ctx, input, {
    txn: 'wechat',
    canWait: false,
    needed: [
      { key: 'appid', flag: '--appid', message: { zh: '公众号/小程序 appid', en: 'app id (sub_appid)' } },
      {
        key: 'openid',
        flag: '--openid',
        message: { zh: '用户 openid', en: "the user's openid (sub_openid)" },
      },
    ],
    fields: (values) => ({
      param_type: mini ? '0' : '1',
      sub_appid: String(values.appid),
      sub_openid: String(values.openid),
      channel_type: '07',
      confflag: '9',
    }),
    present(o, values) {
      if (o.respcode !== '00000' || !o.response.paySign) return {};
      const params = jsapiParams(o, String(values.appid), mini);
      return {
        extraJson: { jsapi: params },
        after: (out: Output) => {
          out.print(
            out.t(
              t(
                `前端支付参数（${mini ? 'wx.requestPayment' : 'WeixinJSBridge getBrandWCPayRequest'}）：`,
                `front-end payment parameters (${mini ? 'wx.requestPayment' : 'WeixinJSBridge getBrandWCPayRequest'}):`,
              ),
            ),
          );
          out.print(JSON.stringify(params, null, 2));
        },
      };
    },
  });
};
