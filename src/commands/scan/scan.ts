import type { CommandRun } from '../../cli/kit/command.js';
import { runOrderCommand } from '../shared/order-command.js';

/** `imp scan`: 被扫 (spec 2.6.7), charge the customer's payment code. */
export const run: CommandRun = (ctx, input) =>
  runOrderCommand(ctx, input, {
    txn: 'scan',
    needed: [
      {
        key: 'authCode',
        flag: '--auth-code',
        message: { zh: '付款码（auth_code）', en: "customer's payment code (auth_code)" },
        validate: (v) => (/^\d{10,32}$/.test(v.trim()) ? undefined : 'digits, 10 to 32 of them'),
      },
    ],
    fields: (values) => ({ auth_code: String(values.authCode).trim(), channel_type: '07', confflag: '9' }),
  });
