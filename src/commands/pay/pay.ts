import { CHANNEL_CODES, PAY_TYPE_CODES } from '../../catalogue/enums.js';
import type { CommandRun } from '../../cli/kit/command.js';
import type { Fields } from '../../protocol/signer.js';
import { runOrderCommand } from '../shared/order-command.js';
import { writePayForm } from './form.js';

/** `imp pay`: 消费 (spec 2.6.2), server-side by default, or the browser form with `--form`. */
export const run: CommandRun = (ctx, input) =>
  runOrderCommand(ctx, input, {
    txn: 'pay',
    // return_url is required by the spec; the profile's returnUrl fills it, else ask for the flag
    needed: (profile) =>
      profile.returnUrl
        ? []
        : [
            {
              key: 'returnUrl',
              flag: '--return-url',
              message: { zh: '前台返回地址', en: 'front-end return URL' },
            },
          ],
    async fields(values) {
      const f: Fields = {
        channel_type: CHANNEL_CODES[String(values.channel ?? 'pc') as keyof typeof CHANNEL_CODES] ?? '07',
        confflag: '9',
      };
      if (values.payType) f.pay_type = PAY_TYPE_CODES[values.payType as keyof typeof PAY_TYPE_CODES];
      if (values.returnUrl) f.return_url = String(values.returnUrl);
      if (values.regname) f.regname = String(values.regname);
      // the 聚合收单会员号 (member number): plain text in every example; 2.4.3.2.2 encrypts card
      // and phone numbers only (fields flagged `encrypt` in the catalogue, done when signing)
      if (values.account) f.account = String(values.account);
      return f;
    },
    instead: async (p, values, ctx) => (values.form ? writePayForm(ctx, p, String(values.form)) : undefined),
  });
