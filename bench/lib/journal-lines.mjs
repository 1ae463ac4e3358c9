// A journal of `lines` lines as imp writes them: lines ÷ 2 payment queries of other orders, each a
// begin and a finish line, checksummed (bench/journal-read.mjs, and interactive's
// BENCH_JOURNAL_LINES). `root` is the checkout whose dist/ encodes the lines.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function journalText(root, lines, profile = 'prod') {
  const { encodeLine } = await import(pathToFileURL(path.join(root, 'dist/journal/line-format.js')).href);
  const out = [];
  for (let i = 0; i < lines / 2; i++) {
    const id = `mx7mhvo3-${String(i).padStart(12, '0')}`;
    const at = new Date(Date.UTC(2026, 11, 3, 0, 0, i)).toISOString();
    out.push(
      encodeLine({
        type: 'begin',
        txn: 'query',
        orderno: `ORD${i}`,
        serialno: `imp2026120322${String(i).padStart(18, '0')}`,
        url: 'https://pos.example.cn/IMP-CPos/b2c/pay/busConsumeQuery.do',
        id,
        at,
        profile,
      }),
      encodeLine({
        type: 'finish',
        id,
        source: 'send',
        state: 'success',
        respcode: '00000',
        respmsg: '交易成功',
        status: '0',
        transno: `IMP2026120300000${i}`,
        httpStatus: 200,
        verified: true,
        at,
      }),
    );
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
