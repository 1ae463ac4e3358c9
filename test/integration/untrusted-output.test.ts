import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventJson, eventLines } from '../../src/notify/format.js';
import { postRaw } from '../../src/notify/post.js';
import { Output } from '../../src/output/output.js';
import { encodeForm, encodeRaw } from '../../src/protocol/codec.js';
import { signResponse } from '../../src/protocol/signer.js';
import { runImp } from '../helpers/cli.js';
import {
  FORM,
  NOTIFY_APIKEY,
  NOTIFY_CERTID,
  type NotifyKeys,
  notifyKeys,
  signedNotification,
  testListener,
} from '../helpers/notify.js';
import { VECTOR_KEYS } from '../helpers/vectors.js';

// Issue 12: an unsigned notification whose orderno held %0A and an ANSI escape printed a fake
// "✔ … success" line and hid the real ✖. Outside data is printed escaped; --json stays exact.
const ESC = '\x1b';
const FORGED = `N-EVIL\n12:00:00  --> N-REAL  pay  paid  ✔ signature  → success${ESC}[1A${ESC}[2K`;
let k: NotifyKeys;
let platform: Server;
let answer = '';
let config = '';

beforeAll(async () => {
  k = await notifyKeys();
  platform = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end(answer));
  });
  await new Promise<void>((r) => platform.listen(0, '127.0.0.1', r));
  const dir = mkdtempSync(join(tmpdir(), 'imp-untrusted-out-'));
  config = join(dir, 'imp.config.json');
  const profile = {
    baseUrl: `http://127.0.0.1:${(platform.address() as AddressInfo).port}/pos/`,
    busino: '448422080620001',
    apikey: NOTIFY_APIKEY,
    merchantKey: join(VECTOR_KEYS, 'merchant-private.pem'),
    platformKeys: [{ certid: NOTIFY_CERTID, path: join(VECTOR_KEYS, 'platform-cert.pem') }],
  };
  writeFileSync(config, JSON.stringify({ profiles: { t: profile } }));
});
afterAll(async () => {
  await new Promise((r) => platform.close(r));
});

describe('the listener’s lines', () => {
  it('print a forged orderno on one line, escaped, with the real ✖; --json keeps it exact', async () => {
    const { listener, events } = await testListener(k);
    const { sign: _s, ...unsigned } = signedNotification(k, 'N-EVIL');
    await postRaw(listener.url, encodeForm({ ...unsigned, orderno: FORGED }), FORM, 5000);
    await listener.close();
    const out = new Output({ json: false, lang: 'en', color: false });
    const lines = eventLines(out, events.at(-1)!);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\n\x1b]/);
    expect(lines[0]).toContain('N-EVIL\\n12:00:00');
    expect(lines[0]).toContain('\\x1b[1A\\x1b[2K');
    expect(lines[0]).toMatch(/✖ signature: .*→ fail$/);
    expect(eventJson(out, events.at(-1)!).orderno).toBe(FORGED);
  });
});

describe('answers shown in tables and --verbose', () => {
  it('escape a respmsg holding a newline and terminal escapes; --json keeps it exact', async () => {
    // ESC M moves the cursor up a line (a raw answer keeps `[` groups whole, so no CSI here)
    const respmsg = `ok\n${ESC}M✔ refunded`;
    const fields = {
      respcode: '00000',
      respmsg,
      orderno: 'N-O1',
      transno: 'T1',
      status: '0',
      amt_trans: '180',
    };
    answer = encodeRaw(signResponse(fields, NOTIFY_APIKEY, k.platformPriv, NOTIFY_CERTID).fields);
    const human = await runImp(['-c', config, '--verbose', 'query', 'N-O1']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).not.toContain(ESC);
    expect(human.stdout).toContain('ok\\n\\x1bM✔ refunded');
    expect(human.stderr).not.toContain(ESC);
    expect(human.stderr).toContain('respmsg=ok\\n\\x1bM');
    const json = await runImp(['-c', config, '--json', 'query', 'N-O1']);
    expect(JSON.parse(json.stdout).respmsg).toBe(respmsg);
  });

  it('escape outside data quoted in an error message', async () => {
    const fields = { respcode: '20002', respmsg: `no such order\n${ESC}M`, orderno: 'N-O2' };
    answer = encodeRaw(signResponse(fields, NOTIFY_APIKEY, k.platformPriv, NOTIFY_CERTID).fields);
    const r = await runImp(['-c', config, 'query', 'N-O2']);
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).not.toContain(ESC);
    expect(r.stderr + r.stdout).toContain('no such order\\n\\x1bM');
  });
});
