#!/usr/bin/env node
// Terminal screenshots for docs/screens/: imp runs against a fresh sandbox inside tmux on an
// 80-column terminal; each pane is captured with its colours (`tmux capture-pane -e`), the ANSI
// text is drawn as HTML, and headless Chromium takes the PNG. Anyone can re-run it after a
// change to what these screens show:
//
//   npm run build && node scripts/screens.mjs [out-dir]      (default docs/screens)
//
// Needs tmux, Chromium (CHROMIUM_PATH, else chromium, chromium-browser or google-chrome on PATH)
// and, for Chinese text, a CJK monospace font (Debian: fonts-wqy-microhei). Talks to 127.0.0.1 only.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ansiToHtml, page } from './screens-html.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'docs/screens'));
const impBin = path.join(root, 'bin/imp.js');
const COLUMNS = 80;

function which(names) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of names) {
    for (const file of path.isAbsolute(name) ? [name] : dirs.map((d) => path.join(d, name))) {
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {}
    }
  }
  return null;
}

const fail = (line) => {
  console.error(`screens: ${line}`);
  process.exit(2);
};
const tmux = which(['tmux']) ?? fail('tmux not found (apt-get install tmux)');
const browser =
  which(
    process.env.CHROMIUM_PATH
      ? [process.env.CHROMIUM_PATH]
      : ['chromium', 'chromium-browser', 'google-chrome'],
  ) ?? fail('no Chromium: set CHROMIUM_PATH or install chromium');
try {
  accessSync(path.join(root, 'dist/cli/start.cjs'));
} catch {
  fail('dist/ is missing: run npm run build first');
}

const work = mkdtempSync(path.join(tmpdir(), 'imp-screens-'));
const socket = `imp-screens-${process.pid}`;
const env = {
  ...process.env,
  LANG: 'en_US.UTF-8',
  TERM: 'xterm-256color',
  COLUMNS: String(COLUMNS),
  IMP_CONFIG: '',
  IMP_PROFILE: '',
  NO_COLOR: '',
  FORCE_COLOR: '',
  HOME: work,
  PATH: `${path.join(work, 'bin')}${path.delimiter}${process.env.PATH}`,
};
delete env.NO_COLOR;
delete env.FORCE_COLOR;
let sandbox;

/** Run imp outside tmux (set-up steps), in the work dir; returns stdout. */
function imp(args, input) {
  const r = spawnSync(process.execPath, [impBin, ...args], { cwd: work, env, encoding: 'utf8', input });
  if (r.status !== 0) throw new Error(`imp ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}
const impJson = (args) => JSON.parse(imp(['--json', ...args]));
const tm = (...args) =>
  spawnSync(tmux, ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function startSandbox() {
  const child = spawn(
    process.execPath,
    [impBin, 'sandbox', '--port', '0', '--sftp-port', '0', '--data', 'sandbox', '--latency', '250', '--json'],
    { cwd: work, env },
  );
  sandbox = child;
  let out = '';
  await new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (/\n}\n/.test(out)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`imp sandbox exited ${code}: ${out}`)));
  });
}

/** Type a command into a fresh 80-column pane and wait: `until` returns true on the pane's text. */
let screens = 0;
async function screen(command, steps) {
  // a session per screen on one tmux server: a server killed and restarted at once may not start
  const t = `s${++screens}`;
  const created = tm(
    'new-session',
    '-d',
    '-s',
    t,
    '-x',
    String(COLUMNS),
    '-y',
    '100',
    '-c',
    work,
    'bash --norc --noprofile',
  );
  if (created.status !== 0) throw new Error(`tmux: ${created.stderr}`);
  tm('send-keys', '-t', t, "PS1='$ '; clear", 'Enter');
  await sleep(300);
  tm('clear-history', '-t', t);
  tm('send-keys', '-t', t, '-l', command);
  tm('send-keys', '-t', t, 'Enter');
  const shots = {};
  try {
    for (const step of steps) {
      const deadline = Date.now() + (step.timeoutMs ?? 30_000);
      for (;;) {
        const text = tm('capture-pane', '-p', '-S', '-', '-t', t).stdout;
        if (step.until(text)) break;
        if (Date.now() > deadline)
          throw new Error(`screen "${command}": timed out waiting (${step.name})\n${text}`);
        await sleep(50);
      }
      if (step.shot) shots[step.shot] = tm('capture-pane', '-p', '-e', '-S', '-', '-t', t).stdout;
      for (const keys of step.keys ?? []) tm('send-keys', '-t', t, ...keys);
    }
  } finally {
    tm('kill-session', '-t', t);
  }
  return shots;
}

/** A progress bar past its first rows and short of the end. */
const midway = (text) => {
  const m = /(\d+)\/(\d+)/.exec(text);
  return !!m && Number(m[1]) >= 3 && Number(m[1]) < Number(m[2]);
};
const lines = (text) => text.replace(/\s+$/, '').split('\n');
const promptBack = (text) => {
  const l = lines(text);
  return l.length > 1 && l.at(-1) === '$';
};
/** The capture without the shell prompt that came back, and without trailing blank lines. */
const trim = (ansi) => {
  const l = ansi.replace(/\s+$/, '').split('\n');
  // the last line is the prompt ("$ " with colour resets around it) once the command finished
  if (
    l.length > 1 &&
    l
      .at(-1)
      .replace(/\u001b\[[0-9;]*m/g, '')
      .trim() === '$'
  )
    l.pop();
  while (
    l.length &&
    l
      .at(-1)
      .replace(/\u001b\[[0-9;]*m/g, '')
      .trim() === ''
  )
    l.pop();
  return l.join('\n');
};

async function main() {
  mkdirSync(path.join(work, 'bin'));
  writeFileSync(path.join(work, 'bin/imp'), `#!/bin/sh\nexec "${process.execPath}" "${impBin}" "$@"\n`, {
    mode: 0o755,
  });
  await startSandbox();
  imp(['config', 'init', '--sandbox', '--sandbox-data', 'sandbox']);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date())
    .replaceAll('-', '');
  const stamp = Date.now().toString(36).toUpperCase();
  const order = (i) => `S${stamp}${String(i).padStart(2, '0')}`;

  // paid orders (…01: paid at once), one awaiting payment (…02)
  const paid = Array.from({ length: 12 }, (_, i) => order(i + 1));
  await Promise.all(
    paid.map(
      (no) =>
        new Promise((resolve, reject) => {
          const c = spawn(
            process.execPath,
            [
              impBin,
              '--json',
              'qrcode',
              '--order',
              no,
              '--amount',
              '12.01',
              '--title',
              'T-shirt',
              '--desc',
              'screens',
            ],
            { cwd: work, env },
          );
          c.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`qrcode ${no}: ${code}`))));
        }),
    ),
  );
  const waiting = order(20);
  impJson(['qrcode', '--order', waiting, '--amount', '3.02', '--title', 'Mug', '--desc', 'screens']);

  const shots = {};

  // 1. a refund's confirmation, answered yes, and its result
  Object.assign(
    shots,
    await screen(`imp refund ${paid[0]} --amount 2.50 --reason 'wrong size'`, [
      {
        name: 'confirmation',
        until: (t) => /\(y\/N\)|\? /.test(t) && !promptBack(t),
        keys: [['y'], ['Enter']],
      },
      { name: 'done', until: promptBack, shot: 'refund-confirmation' },
    ]),
  );

  // 2. a batch: progress while it runs, then the summary
  const rows = ['orderno', ...paid, waiting, `S${stamp}NOPE`].join('\n');
  writeFileSync(path.join(work, 'orders.csv'), `${rows}\n`);
  Object.assign(
    shots,
    await screen('imp query --batch orders.csv --concurrency 1 --out results.csv', [
      { name: 'progress', until: (t) => midway(t) && !promptBack(t), shot: 'batch-progress' },
      { name: 'summary', until: promptBack, shot: 'batch-summary' },
    ]),
  );

  // 3. recon check with differences: the day's bank file against a ledger that disagrees
  imp(['sandbox', 'settle', '--date', day]);
  const fetched = impJson(['recon', 'fetch', '--date', day]);
  const bankFile = JSON.stringify(fetched).match(/"([^"]*DZ_[^"]*\.csv)"/)?.[1];
  if (!bankFile) throw new Error(`recon fetch gave no file: ${JSON.stringify(fetched)}`);
  const at = `${day}093000`;
  const ledger = [
    'type,orderno,refundno,amount,status,time',
    ...paid.slice(2).map((no, i) => `pay,${no},,${i === 0 ? 1200 : 1201},success,${at}`),
    `pay,${order(30)},,880,success,${at}`,
    `pay,${paid[0]},,1201,failed,${at}`,
  ];
  writeFileSync(path.join(work, 'ledger.csv'), `${ledger.join('\n')}\n`);
  Object.assign(
    shots,
    await screen(`imp recon check ${path.relative(work, bankFile)} --ledger ledger.csv`, [
      { name: 'done', until: promptBack, shot: 'recon-check' },
    ]),
  );

  // 4. verify --explain: a form body whose '+' became spaces on the way
  const signed = impJson(['sign', '--txn', 'query', `orderno=${paid[1]}`]);
  const broken = signed.body.replaceAll('%2B', '+');
  writeFileSync(path.join(work, 'message.txt'), broken);
  Object.assign(
    shots,
    await screen('imp verify --as merchant --explain --file message.txt', [
      { name: 'done', until: promptBack, shot: 'verify-explain' },
    ]),
  );

  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'imp-screens-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    deviceScaleFactor: 2,
    viewport: { width: 900, height: 600 },
  });
  mkdirSync(outDir, { recursive: true });
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    for (const [name, ansi] of Object.entries(shots)) {
      const text = trim(ansi);
      writeFileSync(path.join(work, `${name}.ansi`), text);
      await tab.setContent(page(ansiToHtml(text), COLUMNS));
      await tab.locator('#term').screenshot({ path: path.join(outDir, `${name}.png`) });
      console.log(
        `${path.relative(process.cwd(), path.join(outDir, `${name}.png`))}  (${lines(text).length} lines)`,
      );
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  if (process.env.IMP_SCREENS_KEEP) console.log(`kept ${work}`);
}

try {
  await main();
} finally {
  tm('kill-server');
  sandbox?.kill('SIGINT');
  if (!process.env.IMP_SCREENS_KEEP) {
    await sleep(300);
    rmSync(work, { recursive: true, force: true });
  }
}
