import { CHANNEL_CODES, QRCODE_TYPE_CODES } from '../../catalogue/enums.js';
import type { CommandRun } from '../../cli/kit/command.js';
import { outputPath } from '../../cli/kit/flags.js';
import { t } from '../../output/i18n.js';
import { runOrderCommand } from '../shared/order-command.js';

/**
 * `imp qrcode`: 申请二维码 (spec 2.6.6), drawn in the terminal for a person to scan (off a terminal
 * only with `--qr`: the URL alone otherwise); `--png` saves it.
 */
export const run: CommandRun = async (ctx, input) => {
  // checked before the order is sent: once it exists, a PNG that cannot be written is only a warning
  const png =
    input.opts.png === undefined ? undefined : await outputPath('png', ctx.cwd, String(input.opts.png));
  return runOrderCommand(ctx, input, {
    txn: 'qrcode',
    fields: (values) => ({
      qrcode_type:
        QRCODE_TYPE_CODES[String(values.type ?? 'aggregate') as keyof typeof QRCODE_TYPE_CODES] ??
        QRCODE_TYPE_CODES.aggregate,
      channel_type: CHANNEL_CODES.pc,
      confflag: '9',
    }),
    async present(o) {
      const url = o.response.qrcodeUrl;
      if (!url) return {};
      const QR = (await import('qrcode')).default;
      const saved = png
        ? await QR.toFile(png, url, { type: 'png', margin: 2, width: 360 }).then(
            () => png,
            (err: Error) => {
              ctx.out.warn(
                ctx.out.t(
                  t(
                    `--png：无法写入 ${png}（${err.message}）`,
                    `--png: cannot write ${png} (${err.message})`,
                  ),
                ),
              );
              return undefined;
            },
          )
        : undefined;
      return {
        extraJson: { qrcodeUrl: url, ...(saved ? { png: saved } : {}) },
        after: async (out) => {
          // drawn for a person at a terminal; a pipe or a log gets the URL alone, without escapes
          if (input.opts.qr || out.streams.stdout.isTTY)
            out.print(await QR.toString(url, { type: 'terminal', small: true }));
          out.print(url);
          if (saved) out.print(out.t(t(`二维码已保存：${saved}`, `QR code saved: ${saved}`)));
        },
      };
    },
  });
};
