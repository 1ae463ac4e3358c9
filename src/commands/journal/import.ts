import { access } from 'node:fs/promises';
import type { CommandRun } from '../../cli/kit/command.js';
import { UsageError } from '../../core/errors.js';
import { t } from '../../output/i18n.js';
import { impCommand, requireJournalUrl } from './team.js';

/**
 * `imp journal import <file.jsonl>`: copy a local journal into the shared one, every line's
 * text unchanged (its checksum with it); a line already there is skipped, so running it
 * again adds nothing.
 */
export const run: CommandRun = async (ctx, { args }) => {
  const file = args[0];
  if (!file) throw new UsageError('imp journal import: name the journal file (<profile>.jsonl)');
  try {
    await access(file);
  } catch {
    throw new UsageError(`imp journal import ${file}: file not found`);
  }
  const profile = await ctx.profile();
  const url = requireJournalUrl(profile, 'import');
  const { PgJournalStore } = await import('../../journal/pg-store.js');
  const { FileJournalStore } = await import('../../journal/file-store.js');
  const store = new PgJournalStore(
    url,
    profile.busino,
    profile.name,
    impCommand(ctx, profile, 'journal migrate'),
  );
  let r: { added: number; skipped: number };
  try {
    r = await store.importLines(new FileJournalStore(file).lines());
  } finally {
    await store.close();
  }
  return {
    json: { ok: true, file, database: store.label, added: r.added, skipped: r.skipped },
    render(out) {
      out.print(
        out.t(
          t(
            `已导入 ${r.added} 行到 ${store.label}（${r.skipped} 行已存在，跳过）`,
            `imported ${r.added} line${r.added === 1 ? '' : 's'} into ${store.label} (${r.skipped} already there, skipped)`,
          ),
        ),
      );
    },
  };
};
