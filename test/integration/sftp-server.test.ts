import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import SftpClient from 'ssh2-sftp-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SftpServerHandle, sshFingerprint, startSftpServer } from '../../src/sandbox/sftp-server.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imp-sftp-'));
const root = path.join(dir, 'root');
const hostKeys = ssh2.utils.generateKeyPairSync('ed25519');
const clientKeys = ssh2.utils.generateKeyPairSync('ed25519');
const strangerKeys = ssh2.utils.generateKeyPairSync('ed25519');
const payload = Buffer.alloc(300_000);
for (let i = 0; i < payload.length; i++) payload[i] = (i * 7 + (i >> 9)) & 0xff;
let server: SftpServerHandle;

async function connect(auth: { password?: string; privateKey?: string; username?: string }) {
  const client = new SftpClient();
  await client.connect({
    host: '127.0.0.1',
    port: server.port,
    username: auth.username ?? 'merchant',
    ...auth,
  });
  return client;
}

beforeAll(async () => {
  mkdirSync(path.join(root, 'sub'), { recursive: true });
  writeFileSync(path.join(root, 'DZ_1_20260101.csv'), payload);
  writeFileSync(path.join(root, 'sub', 'x.txt'), 'x');
  writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
  server = await startSftpServer({
    rootDir: root,
    username: 'merchant',
    password: 'pw-correct-horse',
    authorizedKeys: clientKeys.public,
    hostKeyPem: hostKeys.private,
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sandbox SFTP server', () => {
  it('reports the host key fingerprint exactly as ssh-keygen prints it', () => {
    const pubFile = path.join(dir, 'host.pub');
    writeFileSync(pubFile, hostKeys.public);
    const printed = execFileSync('ssh-keygen', ['-lf', pubFile], { encoding: 'utf8' });
    expect(printed.split(' ')[1]).toBe(server.hostKeyFingerprint);
    expect(server.hostKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('serves list, stat and get with password authentication', async () => {
    let seen = '';
    const client = new SftpClient();
    await client.connect({
      host: '127.0.0.1',
      port: server.port,
      username: 'merchant',
      password: 'pw-correct-horse',
      hostVerifier: (key: Buffer) => {
        seen = sshFingerprint(key);
        return true;
      },
    });
    try {
      expect(seen).toBe(server.hostKeyFingerprint);
      expect(await client.cwd()).toBe('/');
      const names = (await client.list('/')).map((e) => e.name).sort();
      // link.txt points outside the root: not listed.
      expect(names).toEqual(['DZ_1_20260101.csv', 'sub']);
      expect((await client.stat('/DZ_1_20260101.csv')).size).toBe(payload.length);
      const got = (await client.get('/DZ_1_20260101.csv')) as Buffer;
      expect(Buffer.compare(got, payload)).toBe(0);
      expect(String(await client.get('sub/../sub/x.txt'))).toBe('x');
      expect(await client.exists('/nope.csv')).toBe(false);
    } finally {
      await client.end();
    }
  });

  it('accepts the authorized key and refuses a stranger key', async () => {
    const client = await connect({ privateKey: clientKeys.private });
    expect((await client.stat('/sub')).isDirectory).toBe(true);
    await client.end();
    await expect(connect({ privateKey: strangerKeys.private })).rejects.toThrow(/authentication/i);
  });

  it('refuses a wrong password and a wrong user', async () => {
    await expect(connect({ password: 'wrong' })).rejects.toThrow(/authentication/i);
    await expect(connect({ username: 'other', password: 'pw-correct-horse' })).rejects.toThrow(
      /authentication/i,
    );
  });

  it('refuses every write and keeps the tree unchanged', async () => {
    const client = await connect({ password: 'pw-correct-horse' });
    try {
      await expect(client.put(Buffer.from('evil'), '/evil.csv')).rejects.toThrow(/denied/i);
      await expect(client.put(Buffer.from('evil'), '/DZ_1_20260101.csv')).rejects.toThrow(/denied/i);
      await expect(client.delete('/DZ_1_20260101.csv')).rejects.toThrow(/denied/i);
      await expect(client.rename('/DZ_1_20260101.csv', '/moved.csv')).rejects.toThrow(/denied/i);
      await expect(client.mkdir('/newdir')).rejects.toThrow(/denied/i);
      await expect(client.rmdir('/sub')).rejects.toThrow(/denied/i);
    } finally {
      await client.end();
    }
    expect(Buffer.compare(readFileSync(path.join(root, 'DZ_1_20260101.csv')), payload)).toBe(0);
  });

  it('never serves anything outside the root, by .. or by symlink', async () => {
    const client = await connect({ password: 'pw-correct-horse' });
    try {
      expect(await client.realPath('/../../..')).toBe('/');
      await expect(client.get('/../secret.txt')).rejects.toThrow();
      await expect(client.get('../../../../etc/passwd')).rejects.toThrow();
      await expect(client.get('/link.txt')).rejects.toThrow();
      await expect(client.list('/..')).resolves.toHaveLength(2);
    } finally {
      await client.end();
    }
  });
});
