// Generates a bank reconciliation file (GBK, spec 2.7 layout) and a merchant ledger of
// `rows` lines each, with a few hundred planted differences, for bench/recon-check.mjs.
// Usage: node bench/recon-gen.mjs <rows> <outDir>   → prints the planted counts as JSON.
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import iconv from 'iconv-lite';

const yuan = (fen) => {
  const s = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${s}${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};

async function writeLines(path, encoding, produce, eol = '\n') {
  const out = createWriteStream(path);
  let buf = [];
  const flush = async () => {
    const text = `${buf.join(eol)}${eol}`;
    buf = [];
    const bytes = encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text);
    if (!out.write(bytes)) await new Promise((r) => out.once('drain', r));
  };
  for (const line of produce()) {
    buf.push(line);
    if (buf.length >= 10000) await flush();
  }
  if (buf.length) await flush();
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
}

// every 3000th row gets a planted difference, cycling through the kinds: recon's classes
// (from dist/: npm run build) but the two that are not differences and unsettled_local, which
// only imp's journal as the ledger gives
const { RECON_CLASSES } = await import(new URL('../dist/recon/classes.js', import.meta.url).href);
const PLANTED_KINDS = RECON_CLASSES.filter(
  (c) => c !== 'matched' && c !== 'pending_cross_day' && c !== 'unsettled_local',
);
const plan = (i) =>
  i % 3000 === 1500 ? PLANTED_KINDS[Math.floor(i / 3000) % PLANTED_KINDS.length] : undefined;

/** The planted counts of `rows` rows, from the plan alone (without generating or reading the files). */
export function plantedCounts(rows) {
  const planted = Object.fromEntries(PLANTED_KINDS.map((k) => [k, 0]));
  for (let i = 0; i < rows; i++) {
    const k = plan(i);
    if (k) planted[k]++;
  }
  return planted;
}

export async function generate(rows, dir, date = '20261124') {
  await mkdir(dir, { recursive: true });
  const bankPath = join(dir, `DZ_448437020000010_${date}.csv`);
  const ledgerPath = join(dir, `ledger_${date}_${rows}.csv`);
  const rowOf = (i) => {
    const refund = i % 20 === 7;
    const amount = 100 + ((i * 7919) % 500000);
    const fee = Math.round((amount * 6) / 1000);
    const h = String(Math.floor((i / rows) * 23) + 1).padStart(2, '0'); // 01..23: never near midnight
    const m = String(i % 60).padStart(2, '0');
    return {
      transno: `T${date}${String(i).padStart(10, '0')}`,
      trade: `S${date}${String(i).padStart(12, '0')}`,
      orderno: refund
        ? `O${date}${String(i - 7).padStart(10, '0')}`
        : `O${date}${String(i).padStart(10, '0')}`,
      refundno: refund ? `R${date}${String(i).padStart(10, '0')}` : '',
      time: `${date}${h}${m}${m}`,
      refund,
      amount,
      fee,
    };
  };
  let count = 0;
  let total = 0;
  let settled = 0;
  const bankLine = (r) => {
    const sign = r.refund ? -1 : 1;
    return [
      r.transno,
      r.trade,
      r.orderno,
      r.time,
      r.refund ? '1' : '0',
      'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      yuan(sign * r.amount),
      yuan(sign * (r.amount - r.fee)),
      '',
      '',
      '',
      '',
      yuan(sign * r.fee),
      '',
      '测试商品订单详情',
      '00081',
      r.refundno,
    ].join(',');
  };
  // totals first (the summary is line 1): one pass to compute, one to write
  for (let i = 0; i < rows; i++) {
    const k = plan(i);
    if (k === 'bank_missing') continue;
    const r = rowOf(i);
    const n = k === 'duplicate' ? 2 : 1;
    const sign = r.refund ? -1 : 1;
    count += n;
    total += n * sign * r.amount;
    settled += n * sign * (r.amount - r.fee);
  }
  await writeLines(
    bankPath,
    'gbk',
    function* () {
      yield `${count},${yuan(total)},${yuan(settled)}`;
      for (let i = 0; i < rows; i++) {
        const k = plan(i);
        if (k === 'bank_missing') continue;
        const line = bankLine(rowOf(i));
        yield line;
        if (k === 'duplicate') yield line;
      }
    },
    '\r\n',
  ); // the bank file's declared shape
  await writeLines(ledgerPath, 'utf8', function* () {
    yield 'type,orderno,refundno,amount,status,time,fee';
    for (let i = 0; i < rows; i++) {
      const k = plan(i);
      if (k === 'platform_missing') continue;
      const r = rowOf(i);
      const amount = k === 'short' ? r.amount - 1 : k === 'long' ? r.amount + 1 : r.amount;
      const status = k === 'status_mismatch' ? 'pending' : 'success';
      const fee = k === 'fee_mismatch' ? r.fee + 1 : r.fee;
      yield [r.refund ? 'refund' : 'pay', r.orderno, r.refundno, amount, status, r.time, fee].join(',');
    }
  });
  return { bankPath, ledgerPath, planted: plantedCounts(rows) };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const rows = Number(process.argv[2] ?? 1000000);
  const dir = process.argv[3] ?? new URL('./out/', import.meta.url).pathname;
  console.log(JSON.stringify(await generate(rows, dir)));
}
