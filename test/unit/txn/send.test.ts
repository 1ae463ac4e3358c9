import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../../src/config/load.js';
import type { ResolvedProfile } from '../../../src/config/types.js';
import { NotSentError, SignatureError, UnknownOutcomeError } from '../../../src/core/errors.js';
import { ExitCode } from '../../../src/core/exit-codes.js';
import { Output } from '../../../src/output/output.js';
import { prepareTxn } from '../../../src/txn/prepare.js';
import { sendPrepared } from '../../../src/txn/send.js';
import { openTxnSession, type TxnSession } from '../../../src/txn/session.js';
import { qrOrder, startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';
import { sink } from '../../helpers/sink.js';

// The send pipeline against the real sandbox: journal line on disk before the request leaves,
// each failure recorded by its class, a verified answer classified.
let sb: TestSandbox;
let profile: ResolvedProfile;
const IMP = 'imp -c /etc/imp.json -p sandbox';

beforeAll(async () => {
  sb = await startTestSandbox({
    slowAnswerMs: 4000,
    autoPayAfterMs: 60_000,
    profile: { http: { timeoutMs: 1000, connectTimeoutMs: 1000 } },
  });
  profile = await loadProfile({ configPath: sb.configPath, profile: 'sandbox', env: {}, cwd: sb.root });
});
afterAll(async () => {
  await sb?.close();
});

function session(over: Partial<ResolvedProfile> = {}): TxnSession {
  const out = new Output({
    json: false,
    lang: 'en',
    streams: { stdout: sink().stream, stderr: sink().stream },
  });
  return openTxnSession({ out, profile: { ...profile, ...over }, verbose: false, imp: IMP });
}

/** A qrcode order whose amount (分) picks the sandbox's trigger (see src/sandbox/triggers.ts). */
async function send(s: TxnSession, amountFen: number) {
  const fields = qrOrder(amountFen);
  const { orderno } = fields;
  const p = await prepareTxn(s, 'qrcode', { fields });
  const result = await sendPrepared(s, p).then(
    (o) => ({ o, err: undefined }),
    (err: unknown) => ({ o: undefined, err }),
  );
  const [entry] = await s.journal.find({ orderno });
  return { orderno, ...result, entry };
}

/** A loopback port nothing listens on (taken, then given back). */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('sendPrepared', () => {
  it('writes the begin line to the journal file before the request reaches the platform', async () => {
    const s = session();
    const file = s.journal.filePath as string;
    const seen: { orderno?: string; begun: boolean }[] = [];
    // a real HTTP hop in front of the sandbox: at the moment the request arrives, read the journal
    const hop: Server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const body = Buffer.concat(chunks).toString();
      const orderno = new URLSearchParams(body).get('orderno') ?? undefined;
      const lines = readFileSync(file, 'utf8').split('\n');
      seen.push({ orderno, begun: lines.some((l) => l.includes('"begin"') && l.includes(`${orderno}`)) });
      const answer = await fetch(`${sb.baseUrl}${req.url}`, {
        method: 'POST',
        headers: { 'content-type': String(req.headers['content-type']) },
        body,
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
      res.end(await answer.text());
    });
    await new Promise<void>((r) => hop.listen(0, '127.0.0.1', r));
    try {
      const { port } = hop.address() as AddressInfo;
      const { orderno, o, entry } = await send(
        session({ baseUrl: profile.baseUrl.replace(/:\d+/, `:${port}`) }),
        101,
      );
      expect(seen).toEqual([{ orderno, begun: true }]);
      expect(o).toMatchObject({ txn: 'qrcode', verified: true, request: { orderno } });
      expect(entry).toMatchObject({ orderno, txn: 'qrcode', finished: true, state: o?.state });
    } finally {
      await new Promise<void>((r) => hop.close(() => r()));
    }
  });

  it('connection refused: NotSentError (exit 7), the journal says not_sent', async () => {
    const port = await closedPort();
    const { orderno, err, entry } = await send(session({ baseUrl: `http://127.0.0.1:${port}` }), 101);
    expect(err).toBeInstanceOf(NotSentError);
    expect((err as NotSentError).exitCode).toBe(ExitCode.unreachable);
    expect((err as NotSentError).details.journalId).toBe(entry?.id);
    expect(entry).toMatchObject({ orderno, state: 'not_sent', finished: true });
  });

  it('no answer within the timeout: UnknownOutcomeError (exit 3) naming the query to run, journal unknown', async () => {
    const { orderno, err, entry } = await send(session(), 104);
    expect(err).toBeInstanceOf(UnknownOutcomeError);
    expect((err as UnknownOutcomeError).exitCode).toBe(ExitCode.unknown);
    expect((err as UnknownOutcomeError).hints.join('\n')).toContain(`${IMP} query ${orderno}`);
    expect(entry).toMatchObject({ orderno, state: 'unknown', finished: true });
  });

  it('an answer whose signature does not verify: SignatureError (exit 4), journal unknown and unverified', async () => {
    const { orderno, err, entry } = await send(session(), 106);
    expect(err).toBeInstanceOf(SignatureError);
    expect((err as SignatureError).exitCode).toBe(ExitCode.signature);
    expect(entry).toMatchObject({ orderno, state: 'unknown' });
    expect(entry?.outcome).toMatchObject({ verified: false });
  });

  it('a verified refusal is an outcome, not an error: failure, recorded with its respcode', async () => {
    const { orderno, o, err, entry } = await send(session(), 108);
    expect(err).toBeUndefined();
    expect(o).toMatchObject({ state: 'failure', ok: false, verified: true });
    expect(o?.respcode).not.toBe('00000');
    expect(entry).toMatchObject({ orderno, state: 'failure' });
    expect(entry?.outcome).toMatchObject({ respcode: o?.respcode, verified: true, source: 'send' });
  });
});
