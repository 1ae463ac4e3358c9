import { createHash, timingSafeEqual } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Attributes, Connection, ParsedKey, SFTPWrapper } from 'ssh2';
import { sshFingerprint } from '../recon/fetch/host-key.js';
import { loadSsh2, type Ssh2 } from './ssh2.js';

export { sshFingerprint };

/** Options for {@link startSftpServer}. */
export interface SftpServerOptions {
  /** Address to bind; loopback unless the operator asks otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The directory served as `/`; nothing outside it is reachable. */
  rootDir: string;
  username: string;
  /** Password authentication is offered when set. */
  password?: string;
  /** OpenSSH public key line(s) (`ssh-ed25519 AAAA…`) accepted for public-key authentication. */
  authorizedKeys?: string | Buffer | (string | Buffer)[];
  /** Host private key (OpenSSH or PEM), e.g. from ssh2's `utils.generateKeyPairSync('ed25519').private`. */
  hostKeyPem: string | Buffer;
}

/** A running read-only SFTP server. */
export interface SftpServerHandle {
  port: number;
  /** `SHA256:…` as OpenSSH prints it (`ssh-keygen -lf`). */
  hostKeyFingerprint: string;
  close(): Promise<void>;
}

function sameSecret(given: Buffer, expected: Buffer): boolean {
  // Hash both sides so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

function parseOne(ssh2: Ssh2, key: string | Buffer, what: string): ParsedKey {
  const parsed = ssh2.utils.parseKey(key);
  const one = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!one || one instanceof Error) throw new Error(`${what}: unreadable key (${one?.message ?? 'empty'})`);
  return one;
}

/**
 * Start a read-only SFTP server (ssh2's Server) with password and public-key
 * authentication. Every request that would change the tree answers
 * PERMISSION_DENIED; paths are confined to `rootDir`, symlinks included.
 */
export async function startSftpServer(opts: SftpServerOptions): Promise<SftpServerHandle> {
  const ssh2 = await loadSsh2();
  const rootDir = await fsp.realpath(opts.rootDir);
  const hostKey = parseOne(ssh2, opts.hostKeyPem, 'host key');
  const hostKeyFingerprint = sshFingerprint(hostKey.getPublicSSH());
  const rawKeys = opts.authorizedKeys === undefined ? [] : [opts.authorizedKeys].flat();
  const authorized = rawKeys.flatMap((k) =>
    String(k)
      .split(/\r?\n/)
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => parseOne(ssh2, line.trim(), 'authorized key')),
  );
  const user = Buffer.from(opts.username);
  const password = opts.password === undefined ? undefined : Buffer.from(opts.password);
  const methods = [
    ...(password ? ['password' as const] : []),
    ...(authorized.length ? ['publickey' as const] : []),
  ];
  const clients = new Set<Connection>();

  const server = new ssh2.Server({ hostKeys: [opts.hostKeyPem] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    // A client that vanishes mid-handshake must not take the sandbox down.
    client.on('error', () => {});
    client.on('authentication', (ctx) => {
      const userOk = sameSecret(Buffer.from(ctx.username), user);
      if (ctx.method === 'password' && password) {
        return userOk && sameSecret(Buffer.from(ctx.password), password) ? ctx.accept() : ctx.reject(methods);
      }
      if (ctx.method === 'publickey' && authorized.length) {
        const match = authorized.find(
          (k) => k.type === ctx.key.algo && sameSecret(ctx.key.data, k.getPublicSSH()),
        );
        if (!userOk || !match) return ctx.reject(methods);
        // Without a signature the client only asks whether this key would do.
        if (ctx.signature && ctx.blob && match.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) {
          return ctx.reject(methods);
        }
        return ctx.accept();
      }
      return ctx.reject(methods);
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('sftp', (acceptSftp) => serveSftp(ssh2, acceptSftp(), rootDir));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    hostKeyFingerprint,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.end();
        server.close(() => resolve());
      }),
  };
}

type Handle = { kind: 'file'; fh: fsp.FileHandle } | { kind: 'dir'; dir: string; sent: boolean };

function toAttrs(st: import('node:fs').Stats): Attributes {
  return {
    mode: st.mode,
    uid: st.uid,
    gid: st.gid,
    size: st.size,
    atime: Math.floor(st.atimeMs / 1000),
    mtime: Math.floor(st.mtimeMs / 1000),
  };
}

function longname(name: string, st: import('node:fs').Stats): string {
  const type = st.isDirectory() ? 'd' : '-';
  return `${type}r--r--r-- 1 imp imp ${String(st.size).padStart(10)} ${st.mtime.toISOString().slice(0, 16)} ${name}`;
}

/** Normalise a client path to an absolute virtual path; `..` stops at the root. */
function virtualPath(p: string): string {
  return path.posix.resolve('/', p || '.');
}

/** What one SFTP session's request handlers share: the root, open handles, answers. */
function sessionOf(ssh2: Ssh2, sftp: SFTPWrapper, rootDir: string) {
  const { STATUS_CODE, OPEN_MODE } = ssh2.utils.sftp;
  const handles = new Map<number, Handle>();
  let nextHandle = 1;

  /** The real path under rootDir, or undefined when it does not exist or leaves the root. */
  const resolveReal = async (p: string): Promise<string | undefined> => {
    const candidate = path.join(rootDir, virtualPath(p));
    try {
      const real = await fsp.realpath(candidate);
      return real === rootDir || real.startsWith(rootDir + path.sep) ? real : undefined;
    } catch {
      return undefined;
    }
  };
  const newHandle = (h: Handle): Buffer => {
    const id = nextHandle++;
    handles.set(id, h);
    const buf = Buffer.alloc(4);
    buf.writeUInt32BE(id);
    return buf;
  };
  const getHandle = (buf: Buffer): Handle | undefined =>
    buf.length === 4 ? handles.get(buf.readUInt32BE()) : undefined;
  const fail = (reqid: number, code = STATUS_CODE.NO_SUCH_FILE) => sftp.status(reqid, code);
  const denied = (reqid: number) =>
    sftp.status(reqid, STATUS_CODE.PERMISSION_DENIED, 'permission denied: read-only server');
  // Errors in one request answer FAILURE rather than crashing the server.
  const guard =
    <A extends unknown[]>(fn: (reqid: number, ...args: A) => Promise<void>) =>
    (reqid: number, ...args: A) => {
      fn(reqid, ...args).catch(() => fail(reqid, STATUS_CODE.FAILURE));
    };

  return {
    sftp,
    rootDir,
    STATUS_CODE,
    OPEN_MODE,
    handles,
    resolveReal,
    newHandle,
    getHandle,
    fail,
    denied,
    guard,
  };
}
type Session = ReturnType<typeof sessionOf>;

function serveSftp(ssh2: Ssh2, sftp: SFTPWrapper, rootDir: string): void {
  const s = sessionOf(ssh2, sftp, rootDir);
  onFileRequests(s);
  onDirRequests(s);
  onCloseAndWrites(s);
}

/** REALPATH, STAT, LSTAT, FSTAT, OPEN (read only), READ. */
function onFileRequests(s: Session): void {
  const { sftp, STATUS_CODE, OPEN_MODE, resolveReal, newHandle, getHandle, fail, denied, guard } = s;
  sftp.on('REALPATH', (reqid, p) => {
    const v = virtualPath(p);
    sftp.name(reqid, [{ filename: v, longname: v, attrs: {} as Attributes }]);
  });
  const stat = guard(async (reqid: number, p: string) => {
    const real = await resolveReal(p);
    if (!real) return fail(reqid);
    sftp.attrs(reqid, toAttrs(await fsp.stat(real)));
  });
  sftp.on('STAT', stat);
  sftp.on('LSTAT', stat);
  sftp.on(
    'FSTAT',
    guard(async (reqid, h: Buffer) => {
      const handle = getHandle(h);
      if (handle?.kind !== 'file') return fail(reqid, STATUS_CODE.FAILURE);
      sftp.attrs(reqid, toAttrs(await handle.fh.stat()));
    }),
  );
  sftp.on(
    'OPEN',
    guard(async (reqid, p: string, flags: number) => {
      if (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND | OPEN_MODE.CREAT | OPEN_MODE.TRUNC | OPEN_MODE.EXCL)) {
        return denied(reqid);
      }
      const real = await resolveReal(p);
      if (!real) return fail(reqid);
      if (!(await fsp.stat(real)).isFile()) return fail(reqid, STATUS_CODE.FAILURE);
      sftp.handle(reqid, newHandle({ kind: 'file', fh: await fsp.open(real, 'r') }));
    }),
  );
  sftp.on(
    'READ',
    guard(async (reqid, h: Buffer, offset: number, length: number) => {
      const handle = getHandle(h);
      if (handle?.kind !== 'file') return fail(reqid, STATUS_CODE.FAILURE);
      const buf = Buffer.alloc(Math.min(length, 256 * 1024));
      const { bytesRead } = await handle.fh.read(buf, 0, buf.length, offset);
      if (bytesRead === 0) return sftp.status(reqid, STATUS_CODE.EOF);
      sftp.data(reqid, buf.subarray(0, bytesRead));
    }),
  );
}

/** OPENDIR, READDIR: entries whose target leaves the root are not listed. */
function onDirRequests(s: Session): void {
  const { sftp, rootDir, STATUS_CODE, resolveReal, newHandle, getHandle, fail, guard } = s;
  sftp.on(
    'OPENDIR',
    guard(async (reqid, p: string) => {
      const real = await resolveReal(p);
      if (!real) return fail(reqid);
      if (!(await fsp.stat(real)).isDirectory()) return fail(reqid, STATUS_CODE.FAILURE);
      sftp.handle(reqid, newHandle({ kind: 'dir', dir: real, sent: false }));
    }),
  );
  sftp.on(
    'READDIR',
    guard(async (reqid, h: Buffer) => {
      const handle = getHandle(h);
      if (handle?.kind !== 'dir') return fail(reqid, STATUS_CODE.FAILURE);
      if (handle.sent) return sftp.status(reqid, STATUS_CODE.EOF);
      handle.sent = true;
      const names = [];
      for (const name of await fsp.readdir(handle.dir)) {
        // Entries whose target leaves the root (symlinks) are not listed at all.
        const real = await resolveReal(
          path.posix.join(path.relative(rootDir, handle.dir).split(path.sep).join('/'), name),
        );
        const st = real ? await fsp.stat(real).catch(() => undefined) : undefined;
        if (st) names.push({ filename: name, longname: longname(name, st), attrs: toAttrs(st) });
      }
      if (!names.length) return sftp.status(reqid, STATUS_CODE.EOF);
      sftp.name(reqid, names);
    }),
  );
}

/** CLOSE, every writing request refused (a read-only server), the session's end. */
function onCloseAndWrites(s: Session): void {
  const { sftp, STATUS_CODE, handles, getHandle, fail, denied, guard } = s;
  sftp.on(
    'CLOSE',
    guard(async (reqid, h: Buffer) => {
      const handle = getHandle(h);
      if (!handle) return fail(reqid, STATUS_CODE.FAILURE);
      handles.delete(h.readUInt32BE());
      if (handle.kind === 'file') await handle.fh.close();
      sftp.status(reqid, STATUS_CODE.OK);
    }),
  );
  for (const op of [
    'WRITE',
    'REMOVE',
    'RENAME',
    'MKDIR',
    'RMDIR',
    'SETSTAT',
    'FSETSTAT',
    'SYMLINK',
  ] as const) {
    sftp.on(op as 'REMOVE', (reqid: number) => denied(reqid));
  }
  sftp.on('READLINK', (reqid) => fail(reqid, STATUS_CODE.OP_UNSUPPORTED));
  sftp.on('close', () => {
    for (const h of handles.values()) if (h.kind === 'file') h.fh.close().catch(() => {});
    handles.clear();
  });
}
