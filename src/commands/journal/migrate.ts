import type { CommandRun } from '../../cli/kit/command.js';
import { maskDbUrl } from '../../core/db-url.js';
import { t } from '../../output/i18n.js';
import { requireJournalUrl } from './team.js';

/** `imp journal migrate`: create or bring up to date imp's schema in the journal's (or recon.store's) database. */
export const run: CommandRun = async (ctx) => {
  const profile = await ctx.profile();
  // the journal's database, else the recon history's (a team may keep only recon history)
  const url = profile.journalUrl ?? profile.recon?.store ?? requireJournalUrl(profile, 'migrate');
  const { connectPg, dbFailure } = await import('../../journal/pg-connect.js');
  const { migrate } = await import('../../journal/migrate.js');
  const client = await connectPg(url, 'journal.url');
  let result: Awaited<ReturnType<typeof migrate>>;
  try {
    result = await migrate(client);
  } catch (err) {
    throw dbFailure(err, url, 'journal.url');
  } finally {
    await client.end().catch(() => undefined);
  }
  const where = maskDbUrl(url);
  return {
    json: { ok: true, database: where, version: result.version, applied: result.applied },
    render(out) {
      out.print(
        out.t(
          result.applied.length
            ? t(
                `已升级 ${where} 的 imp 结构到版本 ${result.version}（本次执行 ${result.applied.join(', ')}）`,
                `imp schema in ${where} migrated to version ${result.version} (applied now: ${result.applied.join(', ')})`,
              )
            : t(
                `${where} 的 imp 结构已是最新（版本 ${result.version}）`,
                `imp schema in ${where} is up to date (version ${result.version})`,
              ),
        ),
      );
    },
  };
};
