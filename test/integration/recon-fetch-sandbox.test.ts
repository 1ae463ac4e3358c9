import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../src/cli/kit/command.js';
import { createContext } from '../../src/cli/kit/context.js';
import { run } from '../../src/commands/recon/fetch.js';
import { cstParts } from '../../src/core/time.js';
import { generateOrderNo } from '../../src/protocol/ids.js';
import { callSandbox, qrOrder, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ sftpPort: 0, aes: true });
});
afterAll(async () => {
  await t?.close();
});

describe('imp recon fetch against the sandbox', () => {
  it('a paid order shows up in the settled file fetched over SFTP (AES zip, GBK, profile from the sandbox)', async () => {
    const orderno = generateOrderNo();
    // Amount ending in 01: paid at once (the sandbox's trigger table).
    const paid = await callSandbox(
      t.sandbox,
      'qrcode',
      qrOrder(1001, { orderno, orderdesc: '对账测试订单' }),
    );
    expect(paid.fields.status).toBe('0');
    const date = t.sandbox.order(orderno)?.finalTime?.slice(0, 8) ?? cstParts().date;
    await t.sandbox.settle(date);

    const ctx = createContext(
      { config: t.configPath, json: true, input: false, yes: false, verbose: false, debug: false },
      { env: {}, cwd: t.root, streams: { stdout: new PassThrough(), stderr: new PassThrough() } },
    );
    const res = (await run(ctx, { args: [], opts: { date } })) as CommandResult;
    const [file] = (res.json as { files: { status: string; path: string; fromZip: boolean }[] }).files;
    expect(res.exitCode ?? 0).toBe(0);
    expect(file).toMatchObject({ status: 'saved', fromZip: true });
    expect(file?.path).toBe(path.join(t.root, 'recon', `DZ_${t.sandbox.identity.busino}_${date}.csv`));
    const lines = iconv
      .decode(readFileSync(file?.path ?? ''), 'gbk')
      .trim()
      .split('\r\n');
    expect(lines[0]?.split(',').slice(0, 2)).toEqual(['1', '10.01']);
    expect(lines[1]?.split(',')[2]).toBe(orderno);
    expect(lines[1]).toContain('对账测试订单');
  });
});
