import { resolve } from 'node:path';
import type { CommandRun } from '../../cli/command.js';
import { QRCODE_TYPE_CODES } from '../../txn/codes.js';
import { runOrderCommand } from '../../txn/order-command.js';

/** `imp qrcode`: 申请二维码 (spec 2.6.6), drawn in the terminal for a person to scan; `--png` saves it. */
export const run: CommandRun = (ctx, input) =>
  runOrderCommand(ctx, input, {
    txn: 'qrcode',
    fields: (values) => ({
      qrcode_type:
        QRCODE_TYPE_CODES[String(values.type ?? 'aggregate') as keyof typeof QRCODE_TYPE_CODES] ?? '00',
      channel_type: '07',
      confflag: '9',
    }),
    async present(o, values) {
      const url = o.response.qrcodeUrl;
      if (!url) return {};
      const QR = (await import('qrcode')).default;
      let png: string | undefined;
      if (values.png) {
        png = resolve(ctx.cwd, String(values.png));
        await QR.toFile(png, url, { type: 'png', margin: 2, width: 360 });
      }
      return {
        extraJson: { qrcodeUrl: url, ...(png ? { png } : {}) },
        after: async (out) => {
          out.print(await QR.toString(url, { type: 'terminal', small: true }));
          out.print(url);
          if (png) out.print(out.lang === 'zh' ? `二维码已保存：${png}` : `QR code saved: ${png}`);
        },
      };
    },
  });
