import type { CommandRun } from '../../cli/kit/command.js';
import { openAtomic } from '../../core/atomic-write.js';
import { UsageError } from '../../core/errors.js';
import { openJournalStore } from '../../journal/open-store.js';
import { t } from '../../output/i18n.js';
import { impCommand } from './team.js';

/**
 * `imp journal export [--out file.jsonl]`: the journal as JSONL, each line's text as stored
 * (from the shared database, or the local file), to stdout or a file written atomically.
 */
export const run: CommandRun = async (ctx, { opts }) => {
  const profile = await ctx.profile();
  const store = await openJournalStore(profile, impCommand(ctx, profile, 'journal migrate'));
  let count = 0;
  try {
    if (opts.out) {
      const file = await openAtomic(opts.out, { mode: 0o600 });
      try {
        let chunk = '';
        for await (const line of store.lines()) {
          chunk += `${line}\n`;
          count++;
          if (chunk.length > 1 << 20) {
            await file.write(chunk);
            chunk = '';
          }
        }
        await file.write(chunk);
      } catch (err) {
        await file.abort();
        throw err;
      }
      await file.commit();
    } else {
      if (ctx.global.json)
        throw new UsageError('imp journal export --json: name a file with --out (stdout is the JSONL)');
      for await (const line of store.lines()) {
        ctx.out.print(line);
        count++;
      }
    }
  } finally {
    await store.close();
  }
  if (!opts.out) return {};
  return {
    json: { ok: true, from: store.label, out: opts.out, lines: count },
    render(out) {
      out.print(
        out.t(
          t(
            `已导出 ${count} 行到 ${opts.out}`,
            `exported ${count} line${count === 1 ? '' : 's'} to ${opts.out}`,
          ),
        ),
      );
    },
  };
};
