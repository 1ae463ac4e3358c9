import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstParts } from '../../src/core/time.js';
import { generateOrderNo } from '../../src/protocol/ids.js';
import { callSandbox, qrOrder, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { until } from '../helpers/wait.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ sftpPort: 0, refundDelayMs: 50 });
});
afterAll(async () => {
  await t?.close();
});

describe('sandbox reconciliation files over SFTP', () => {
  it('settle writes the day file from the state; SFTP serves it with password and key auth', async () => {
    const sb = t.sandbox;
    const orderno = generateOrderNo();
    const paid = await callSandbox(sb, 'qrcode', qrOrder(2001, { orderno }));
    expect(paid.fields.status).toBe('0');
    await callSandbox(sb, 'refund', {
      orderno,
      refundno: `R${orderno}`,
      prv_transno: paid.fields.transno ?? '',
      prv_tradeno: paid.fields.imp_tradeno ?? '',
      prv_trdate: paid.request.trdate ?? '',
      prv_tramt: '2001',
      refund_amt: '500',
      opertype: '2',
    });
    // the refund completes after refundDelayMs (a timer): wait for it, however loaded the machine
    const done = await until(
      () => sb.state.refund(sb.identity.busino, `R${orderno}`)?.status,
      (status) => status === '0' || status === '4',
    );
    expect(done).toBe('0');
    const date = cstParts().date;
    const res = await fetch(`${t.baseUrl.replace('/pos/', '')}/_sandbox/settle?date=${date}`, {
      method: 'POST',
    });
    const doc = (await res.json()) as {
      file: { csvName: string; count: number; totalFen: number; path: string };
    };
    expect(res.status).toBe(200);
    expect(doc.file.csvName).toBe(`DZ_${sb.identity.busino}_${date}.csv`);
    expect(doc.file.count).toBe(2);
    expect(doc.file.totalFen).toBe(1501);

    const { default: SftpClient } = await import('ssh2-sftp-client');
    const sftp = sb.sftp;
    if (!sftp) throw new Error('no sftp');
    const byPassword = new SftpClient();
    await byPassword.connect({
      host: sftp.host,
      port: sftp.port,
      username: sftp.username,
      password: sftp.password,
    });
    try {
      const names = (await byPassword.list('/')).map((f) => f.name);
      expect(names).toContain(path.basename(doc.file.path));
      const zip = (await byPassword.get(`/${path.basename(doc.file.path)}`)) as Buffer;
      expect(zip.subarray(0, 2).toString()).toBe('PK');
    } finally {
      await byPassword.end();
    }
    const byKey = new SftpClient();
    await byKey.connect({
      host: sftp.host,
      port: sftp.port,
      username: sftp.username,
      privateKey: readFileSync(path.join(t.dataDir, sb.descriptor.sftp?.clientKey ?? '')),
    });
    try {
      expect((await byKey.list('/')).length).toBeGreaterThan(0);
    } finally {
      await byKey.end();
    }
    // sandbox.json names what the CONFIG dev's `imp config init --sandbox` needs
    const d = JSON.parse(readFileSync(path.join(t.dataDir, 'sandbox.json'), 'utf8'));
    expect(d.sftp).toMatchObject({
      port: sftp.port,
      username: sftp.username,
      hostKey: sftp.hostKey,
      remoteDir: '/',
    });
    expect(readFileSync(path.join(t.dataDir, d.sftp.passwordFile), 'utf8').trim()).toBe(sftp.password);
  });
});

describe('periodic reconciliation files', () => {
  it('tmp_DZ for today; once the day has ended, DZ appears by itself', async () => {
    let shift = 0;
    const s = await startTestSandbox({ clock: () => new Date(Date.now() + shift) });
    try {
      const orderno = generateOrderNo();
      await callSandbox(s.sandbox, 'qrcode', qrOrder(101, { orderno }));
      const day = cstParts().date;
      const dir = path.join(s.dataDir, 'sftp');
      await s.sandbox.publishRecon();
      const { readdirSync } = await import('node:fs');
      expect(readdirSync(dir)).toEqual([`tmp_DZ_${s.sandbox.identity.busino}_${day}.zip`]);
      shift = 86_400_000;
      await s.sandbox.publishRecon();
      expect(readdirSync(dir)).toContain(`DZ_${s.sandbox.identity.busino}_${day}.zip`);
    } finally {
      await s.close();
    }
  });
});
