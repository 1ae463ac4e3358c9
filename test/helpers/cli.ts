import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Absolute path of the built CLI that end-to-end tests spawn. */
export const IMP_BIN = fileURLToPath(new URL('../../bin/imp.js', import.meta.url));

/** What a spawned `imp` run left behind. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the built `bin/imp.js` with arguments, environment and optional stdin; never through a shell. */
export function runImp(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [IMP_BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A run of `imp` with its own peak RSS (MiB) and wall time (ms), measured inside the child. */
export interface MeasuredRun extends CliRun {
  peakMiB: number;
  ms: number;
}

/** Run the built `bin/imp.js` like {@link runImp}, measuring the child's peak RSS and time. */
export async function runImpMeasured(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<MeasuredRun> {
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const dir = mkdtempSync(path.join(tmpdir(), 'imp-peak-'));
  const file = path.join(dir, 'peak.json');
  const preload = fileURLToPath(new URL('./peak-rss.cjs', import.meta.url));
  try {
    const run = await new Promise<CliRun>((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', preload, IMP_BIN, ...args], {
        cwd: options.cwd,
        env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', ...options.env, IMP_PEAK_FILE: file },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
    let peak = { maxRssKiB: Number.NaN, ms: Number.NaN };
    try {
      peak = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // killed before exit: no figures
    }
    return { ...run, peakMiB: Math.round(peak.maxRssKiB / 1024), ms: Math.round(peak.ms) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
