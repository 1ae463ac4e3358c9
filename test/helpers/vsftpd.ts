import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireService } from './services.js';

/** A vsftpd serving `root` anonymously (read-only) on 127.0.0.1, optionally with explicit TLS. */
export interface VsftpdHandle {
  port: number;
  /** The folder served as `/`. */
  root: string;
  /** FTPS: the server's self-signed certificate (PEM) to trust as `sftp.ca`. */
  caFile?: string;
  stop(): Promise<void>;
}

/** Locate Debian's vsftpd, or skip with one line (a failure under CI). */
export function findVsftpd(): string | null {
  return requireService('vsftpd', ['vsftpd'], {
    extraDirs: ['/usr/sbin'],
    install: 'apt-get install vsftpd',
  });
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A control port and a passive range of `n` ports, all free on 127.0.0.1 just now. */
async function freePorts(n: number): Promise<number[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const ports = Array.from({ length: n }, (_, i) => base + i);
    let ok = true;
    for (const p of ports) {
      ok = await portFree(p);
      if (!ok) break;
    }
    if (ok) return ports;
  }
  throw new Error('no free port range on 127.0.0.1');
}

/**
 * Start vsftpd with a throwaway config. Anonymous logins only (no system account is touched),
 * chrooted into `root` as Debian's `ftp` user when run as root (as in CI). With `tls`, a
 * self-signed certificate for 127.0.0.1 is made with the openssl CLI and TLS is required.
 */
export async function startVsftpd(binary: string, opts: { tls?: boolean } = {}): Promise<VsftpdHandle> {
  const work = mkdtempSync(path.join(tmpdir(), 'imp-vsftpd-'));
  const root = path.join(work, 'root');
  const empty = path.join(work, 'empty');
  mkdirSync(root);
  mkdirSync(empty);
  // the ftp user reads the tree; vsftpd refuses a chroot root it could write to
  for (const d of [work, root, empty]) chmodSync(d, 0o755);
  const [port = 0, ...pasv] = await freePorts(6);
  const asRoot = process.getuid?.() === 0;
  const lines = [
    'listen=YES',
    'listen_address=127.0.0.1',
    `listen_port=${port}`,
    'background=NO',
    'anonymous_enable=YES',
    `anon_root=${root}`,
    'no_anon_password=YES',
    'local_enable=NO',
    'write_enable=NO',
    'pasv_enable=YES',
    `pasv_min_port=${pasv[0]}`,
    `pasv_max_port=${pasv[pasv.length - 1]}`,
    'pasv_address=127.0.0.1',
    `secure_chroot_dir=${empty}`,
    asRoot ? 'ftp_username=ftp' : 'run_as_launching_user=YES',
    'seccomp_sandbox=NO',
    'isolate=NO',
    'isolate_network=NO',
    'xferlog_enable=NO',
    `vsftpd_log_file=${path.join(work, 'vsftpd.log')}`,
    'hide_ids=YES',
    'use_localtime=NO',
  ];
  let caFile: string | undefined;
  if (opts.tls) {
    caFile = path.join(work, 'cert.pem');
    const keyFile = path.join(work, 'key.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        caFile,
      ]),
      { stdio: 'ignore' },
    );
    chmodSync(keyFile, 0o600);
    lines.push(
      'ssl_enable=YES',
      `rsa_cert_file=${caFile}`,
      `rsa_private_key_file=${keyFile}`,
      'allow_anon_ssl=YES',
      'force_anon_logins_ssl=YES',
      'force_anon_data_ssl=YES',
      'require_ssl_reuse=NO',
    );
  }
  const conf = path.join(work, 'vsftpd.conf');
  writeFileSync(conf, `${lines.join('\n')}\n`, { mode: 0o600 });
  // vsftpd writes its start-up errors ("500 OOPS: …") to file descriptor 0
  const errFile = path.join(work, 'oops.txt');
  const errFd = openSync(errFile, 'w');
  const child: ChildProcess = spawn(binary, [conf], { stdio: [errFd, 'ignore', 'ignore'] });
  closeSync(errFd);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await waitListening(port, () => child.exitCode !== null);
  } catch (err) {
    child.kill('SIGKILL');
    const oops = readFileSync(errFile, 'utf8').trim();
    rmSync(work, { recursive: true, force: true });
    throw new Error(`vsftpd did not start: ${(err as Error).message} ${oops}`);
  }
  return {
    port,
    root,
    caFile,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(work, { recursive: true, force: true });
    },
  };
}

async function waitListening(port: number, dead: () => boolean): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    if (dead()) throw new Error('exited');
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
