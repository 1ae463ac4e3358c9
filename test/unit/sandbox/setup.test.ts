import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterEach, describe, expect, it } from 'vitest';
import { readSandboxInfo } from '../../../src/config/sandbox-profile.js';
import { ensureIdentity, writeDescriptor } from '../../../src/sandbox/setup.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('sandbox identity', () => {
  it('makes SSH keys that ssh2 parses, and replaces an unparseable one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-identity-'));
    dirs.push(dir);
    await ensureIdentity(dir);
    const pub = join(dir, 'keys', 'sftp-client.pub');
    expect(utils.parseKey(readFileSync(pub, 'utf8'))).not.toBeInstanceOf(Error);
    // the shape ssh2's ed25519 generator sometimes writes: a 31-byte length prefix
    writeFileSync(
      pub,
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAH/9ueJH2qaqJnB/Kjtyhxj3qcZYIpkL35Xtg+Yp0EEI= imp-sandbox\n',
    );
    expect(utils.parseKey(readFileSync(pub, 'utf8'))).toBeInstanceOf(Error);
    await ensureIdentity(dir);
    expect(utils.parseKey(readFileSync(pub, 'utf8'))).not.toBeInstanceOf(Error);
    expect(utils.parseKey(readFileSync(join(dir, 'keys', 'sftp-host'), 'utf8'))).not.toBeInstanceOf(Error);
  });

  it('sandbox.json: what the sandbox writes is what the config side reads, field for field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-identity-'));
    dirs.push(dir);
    const identity = await ensureIdentity(dir);
    const written = await writeDescriptor(dir, identity, 'http://127.0.0.1:1/pos/', {
      host: '127.0.0.1',
      port: 2,
      hostKey: 'ssh-ed25519 AAAA',
    });
    expect(readSandboxInfo(dir)).toEqual(written);
    expect(written.sftp?.username).toBe(identity.sftpUser);
  });
});
