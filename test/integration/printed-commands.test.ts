import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

// Commands imp prints outside the refund path (close's "refund it instead", close's retry, the
// browser form's "then query") carry -c <absolute config> and -p, like every other hint: run
// from another directory they reach the same profile.
let sb: TestSandbox;
let n = 0;
const order = () => `PC${Date.now()}${n++}`;
const ORDER_ARGS = ['--title', '测试商品', '--desc', 'D'];

beforeAll(async () => {
  sb = await startTestSandbox({ profile: { returnUrl: 'http://127.0.0.1:9/return' } });
});
afterAll(async () => {
  await sb?.close();
});

describe('printed commands outside refunds carry -c/-p', () => {
  it("close of a paid order names the refund command with the config's absolute path and the profile", async () => {
    const paid = order();
    await sb.runCli(['pay', '--order', paid, '--amount', '1.01', ...ORDER_ARGS]);
    const r = await sb.runCli(['-c', 'imp.config.json', '-p', 'sandbox', 'close', paid], {
      env: { IMP_CONFIG: '', IMP_PROFILE: '' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`imp -c ${sb.configPath} -p sandbox refund ${paid} --amount <元>`);
  });

  it('pay --form names the query to run afterwards with -c/-p', async () => {
    const no = order();
    const r = await sb.runCli(
      [
        '-c',
        'imp.config.json',
        '-p',
        'sandbox',
        'pay',
        '--order',
        no,
        '--amount',
        '1.00',
        ...ORDER_ARGS,
        '--channel',
        'wap',
        '--form',
        'pay.html',
      ],
      { env: { IMP_CONFIG: '', IMP_PROFILE: '' } },
    );
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain(`imp -c ${sb.configPath} -p sandbox query ${no}`);
  });
});
