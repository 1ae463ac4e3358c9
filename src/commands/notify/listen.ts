import { resolve } from 'node:path';
import type { CommandRun } from '../../cli/kit/command.js';
import { parsePort } from '../../cli/kit/flags.js';
import { waitForInterrupt } from '../../cli/kit/signals.js';
import { profileDialect } from '../../config/signature.js';
import { UsageError } from '../../core/errors.js';
import { isLoopback } from '../../core/loopback.js';
import { assertSecureTransport } from '../../core/transport.js';
import { merchantPublicKey, platformPublicKeys } from '../../keys/profile-keys.js';
import { eventJson, eventLines } from '../../notify/format.js';
import { startNotifyListener } from '../../notify/server.js';
import { t } from '../../output/i18n.js';
import { listenLimits } from './limit-flags.js';

export const run: CommandRun = async (ctx, { opts }) => {
  const port = parsePort('port', opts.port, 8460);
  const host: string = opts.host ?? '127.0.0.1';
  if (opts.forwardTo) {
    let u: URL | undefined;
    try {
      u = new URL(opts.forwardTo);
    } catch {
      // reported below
    }
    if (!u || !/^https?:$/.test(u.protocol))
      throw new UsageError(`--forward-to: '${opts.forwardTo}' is not an http(s) URL`);
  }
  if (opts.forwardUnverified && !opts.forwardTo)
    throw new UsageError('--forward-unverified: needs --forward-to <url>');
  const limits = listenLimits(opts);
  const profile = await ctx.profile();
  if (opts.forwardTo) assertSecureTransport(opts.forwardTo, '--forward-to', profile.http.allowInsecure);
  const keys = await platformPublicKeys(profile);
  const otherKeys = await merchantPublicKey(profile).then(
    (k) => [k],
    () => [],
  );
  let count = 0;
  const out = ctx.out;
  const listener = await startNotifyListener({
    host,
    port,
    apikey: profile.apikey,
    keys,
    otherKeys,
    dialect: profileDialect(profile),
    profileName: profile.name,
    forwardTo: opts.forwardTo,
    forwardUnverified: !!opts.forwardUnverified,
    limits,
    saveDir: opts.save ? resolve(ctx.cwd, opts.save) : undefined,
    onEvent(ev) {
      count++;
      if (out.json) out.streams.stdout.write(`${JSON.stringify(eventJson(out, ev))}\n`);
      else for (const line of eventLines(out, ev)) out.print(line);
    },
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new UsageError(`${host}:${port} is already in use (--port)`);
    if (err.code === 'EADDRNOTAVAIL') throw new UsageError(`--host ${host}: not an address of this machine`);
    throw err;
  });
  out.note(
    out.t(
      t(
        `正在监听 ${listener.url}（${keys.length} 把平台公钥${opts.forwardTo ? `，转发到 ${opts.forwardTo}` : ''}），Ctrl-C 结束`,
        `listening on ${listener.url} (${keys.length} platform key${keys.length === 1 ? '' : 's'}${opts.forwardTo ? `, forwarding to ${opts.forwardTo}` : ''}); Ctrl-C to stop`,
      ),
    ),
  );
  if (!isLoopback(host)) {
    out.warn(
      out.t(
        t(
          `监听非回环地址 ${host}：其他机器也能访问`,
          `listening on ${host}, not loopback: other machines can reach it`,
        ),
      ),
    );
  }
  await waitForInterrupt();
  await listener.close();
  const { timedOut, evicted } = listener.stats;
  return {
    render: (o) =>
      o.note(
        o.t(
          t(
            `共收到 ${count} 个请求；${timedOut} 个连接超时关闭，${evicted} 个因连接数上限被丢弃`,
            `${count} request(s) received; ${timedOut} connection(s) closed at a deadline, ${evicted} dropped at the connection cap`,
          ),
        ),
      ),
  };
};
