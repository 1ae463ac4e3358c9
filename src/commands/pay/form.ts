import { writeFile } from 'node:fs/promises';
import type { CommandResult } from '../../cli/kit/command.js';
import type { Context } from '../../cli/kit/context.js';
import { outputPath } from '../../cli/kit/flags.js';
import { impCommand, impPrefix } from '../../cli/kit/hint.js';
import { UsageError } from '../../core/errors.js';
import { type Message, msg } from '../../core/message.js';
import { Journal } from '../../journal/journal.js';
import { type PayCode, payText } from '../../output/messages/pay.js';
import type { PreparedTxn } from '../../txn/types.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The auto-submitting page of the browser front-redirect flow (spec 2.3.2): the customer's browser POSTs it. */
export function payFormHtml(p: PreparedTxn): string {
  const inputs = Object.entries(p.fields)
    .map(([k, v]) => `    <input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>正在跳转到支付页面 / Redirecting to payment</title></head>
<body onload="document.forms[0].submit()">
  <form method="post" action="${esc(p.url)}" accept-charset="UTF-8">
${inputs}
    <noscript><button type="submit">继续支付 / Continue to payment</button></noscript>
  </form>
</body>
</html>
`;
}

/**
 * `imp pay --form file.html`: write the page instead of calling. The request
 * leaves later from the customer's browser, so the journal gets a begin line
 * with no outcome: `imp journal resolve` or `imp query` settles it.
 */
export async function writePayForm(ctx: Context, p: PreparedTxn, file: string): Promise<CommandResult> {
  const path = await outputPath('form', ctx.cwd, file);
  await writeFile(path, payFormHtml(p), 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`--form ${file}: cannot write (${err.code ?? err.message})`);
  });
  const { amount, ...ids } = p.ids;
  await Journal.forProfile(await ctx.profile(), `${impPrefix(ctx)} journal migrate`).begin({
    txn: 'pay',
    ...ids,
    amount,
    url: p.url,
    extra: { form: path },
  });
  return {
    json: { ok: true, state: 'pending', form: path, url: p.url, request: p.ids },
    render: (out) => {
      const say = (m: Message<PayCode>) => out.print(out.t(payText(m)));
      say(msg('form-written', { path }));
      say(msg('form-order', { orderno: p.ids.orderno ?? '' }));
      const query = impCommand(ctx, 'query', p.ids.orderno ?? '');
      say(msg('form-next', { url: p.url, query }));
    },
  };
}
