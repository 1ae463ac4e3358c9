import { readFile } from 'node:fs/promises';
import type { CommandRun } from '../../cli/kit/command.js';
import { profileDialect } from '../../config/signature.js';
import { ConfigError, UnknownOutcomeError, UsageError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { formatYuan, parseYuan } from '../../core/money.js';
import { assertSecureTransport } from '../../core/transport.js';
import { buildPaymentNotification } from '../../notify/build.js';
import { acknowledged, postRaw, SUCCESS_REPLY } from '../../notify/post.js';
import { platformSigner } from '../../notify/signing.js';
import { shown } from '../../output/escape.js';
import { t } from '../../output/i18n.js';
import { paint, tick } from '../../output/style.js';
import { encodeForm, looksFormEncoded } from '../../protocol/codec.js';
import { DEFAULT_DIALECT } from '../../protocol/dialect.js';
import { signResponse } from '../../protocol/signer.js';

const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

/** A saved notification and the content type it arrived with (`--save` writes `<file>.meta.json` beside it). */
async function readReplay(file: string): Promise<{ body: Buffer; contentType: string }> {
  const body = await readFile(file).catch(() => {
    throw new UsageError(`--replay: ${file}: file not found`, { code: 'INPUT' });
  });
  const meta = await readFile(`${file}.meta.json`, 'utf8').then(
    (s) => JSON.parse(s) as { contentType?: string | null },
    () => undefined,
  );
  const sniffed = looksFormEncoded(body.toString('utf8').trim()) ? FORM : 'text/plain; charset=UTF-8';
  return { body, contentType: meta?.contentType || sniffed };
}

export const run: CommandRun = async (ctx, { args, opts }) => {
  const url = args[0] ?? '';
  if (!/^https?:\/\//.test(url)) throw new UsageError(`'${url}' is not an http(s) URL`);
  // no config at all is fine (the sandbox's key and apikey are used); a broken one is not
  const profile = await ctx.profile().catch((err: unknown) => {
    if (err instanceof ConfigError && err.code === 'CONFIG_NOT_FOUND') return undefined;
    throw err;
  });
  assertSecureTransport(url, 'notify send <url>', profile?.http.allowInsecure);
  let body: Buffer;
  let contentType = FORM;
  let orderno: string | undefined;
  if (opts.replay) {
    ({ body, contentType } = await readReplay(opts.replay));
  } else {
    const amount = parseYuan(opts.amount ?? '0.01');
    const signer = await platformSigner({ cwd: ctx.cwd, keyPath: opts.key, profile });
    const { generateOrderNo } = await import('../../protocol/ids.js');
    const order: string = opts.order ?? generateOrderNo();
    orderno = order;
    const fields = buildPaymentNotification({
      orderno: order,
      status: opts.status ?? 'paid',
      amount,
      busino: signer.busino,
    });
    const dialect = profile ? profileDialect(profile) : DEFAULT_DIALECT;
    body = Buffer.from(
      encodeForm(signResponse(fields, signer.apikey, signer.key, signer.certid, dialect).fields),
    );
    if (opts.status === 'failed') {
      // spec 2.4.1 and 2.3.2 step 6: notifications are for successful payments only
      ctx.out.note(
        ctx.out.t(
          t(
            '注意：平台只为成功的支付发送通知；--status failed 仅用于测试您的处理程序',
            'note: the platform notifies successful payments only; --status failed only tests your handler',
          ),
        ),
      );
    }
  }
  const answer = await postRaw(url, body, contentType, 10_000).catch((err: Error) => {
    throw new UnknownOutcomeError(`notification not delivered: ${err.message}`, {
      ids: orderno ? { orderno } : {},
    });
  });
  const exact = acknowledged(answer);
  return {
    exitCode: exact ? ExitCode.ok : ExitCode.business,
    json: {
      url,
      orderno: orderno ?? null,
      replay: opts.replay ?? null,
      sent: body.toString('utf8'),
      httpStatus: answer.status,
      answer: answer.body,
      success: exact,
    },
    render(out) {
      const c = paint(out);
      const what = opts.replay
        ? `${out.t(t('重放', 'replay'))} ${opts.replay}`
        : `${orderno}  ${opts.status ?? 'paid'}  ${formatYuan(parseYuan(opts.amount ?? '0.01'))} ${out.t(t('元', 'yuan'))}`;
      out.print(`--> POST ${url}  ${what}  ${c.dim(`(${body.length} B)`)}`);
      out.print(
        `<-- [${answer.status}] ${shown(answer.body.trim().slice(0, 200))} ${c.dim(`(${answer.ms} ms)`)}`,
      );
      out.print(
        `${tick(out, exact)} ${
          exact
            ? out.t(t('处理程序返回了准确的成功应答', 'the handler gave the exact success reply'))
            : out.t(
                t(
                  `不是准确的成功应答（应为 ${SUCCESS_REPLY}）`,
                  `not the exact success reply (${SUCCESS_REPLY})`,
                ),
              )
        }`,
      );
    },
  };
};
