import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type OrderRecord, SandboxStore } from '../../src/sandbox/state.js';

const root = mkdtempSync(path.join(tmpdir(), 'imp-sandbox-state-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const order = (seq: number, orderno: string): OrderRecord => ({
  seq,
  busino: '800000000000001',
  orderno,
  txn: 'qrcode',
  transno: `IMP${seq}`,
  imp_tradeno: `T${seq}`,
  chn_tradeno: `C${seq}`,
  amount: 100 + seq,
  status: '1',
  closed: false,
  createdAt: 0,
  day: '20260101',
  trdate: '20260101',
  payType: '',
  autoPay: true,
});

describe('sandbox state store', () => {
  it('a committed change survives a crash (no close); a torn last log line is ignored', async () => {
    const dir = path.join(root, 'crash');
    mkdirSync(dir, { recursive: true });
    const a = await SandboxStore.open(dir);
    const o = order(a.nextSeq(), 'A1');
    a.putOrder(o);
    o.status = '0';
    a.putOrder(o);
    await a.commit();
    // The process dies here: no close(), and half a line was being written.
    await a.abandon();
    appendFileSync(path.join(dir, 'state.log'), '{"t":"order","v":{"seq":9');
    const b = await SandboxStore.open(dir);
    expect(b.order('800000000000001', 'A1')?.status).toBe('0');
    expect(b.byTransno.get(o.transno)?.orderno).toBe('A1');
    expect(b.nextSeq()).toBeGreaterThan(o.seq);
    await b.close();
  });

  it('close compacts the log into an atomic snapshot; reopening gives the same state', async () => {
    const dir = path.join(root, 'compact');
    mkdirSync(dir, { recursive: true });
    const a = await SandboxStore.open(dir);
    for (let i = 0; i < 50; i++) a.putOrder(order(a.nextSeq(), `O${i}`));
    await a.commit();
    expect(statSync(path.join(dir, 'state.log')).size).toBeGreaterThan(0);
    await a.close();
    expect(statSync(path.join(dir, 'state.log')).size).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')).orders).toHaveLength(50);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const b = await SandboxStore.open(dir);
    expect(b.orders.size).toBe(50);
    expect(b.order('800000000000001', 'O49')?.amount).toBe(150);
    await b.close();
  });
});

describe('one sandbox per data dir', () => {
  it('a second sandbox on a busy data dir is refused; a failed start leaves the dir unlocked', async () => {
    const { startSandbox } = await import('../../src/sandbox/index.js');
    const dataDir = path.join(root, 'busy');
    const first = await startSandbox({ dataDir, sftpPort: false, publishRecon: false });
    try {
      await expect(startSandbox({ dataDir, sftpPort: false, publishRecon: false })).rejects.toThrow(
        /another sandbox/,
      );
      // The same port twice: the second start fails to listen and must release its lock.
      const other = path.join(root, 'port');
      await expect(startSandbox({ dataDir: other, port: first.port, sftpPort: false })).rejects.toThrow();
      const retry = await startSandbox({ dataDir: other, sftpPort: false, publishRecon: false });
      await retry.close();
    } finally {
      await first.close();
    }
    const again = await startSandbox({ dataDir, sftpPort: false, publishRecon: false });
    await again.close();
  });
});
