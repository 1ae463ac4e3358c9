import { basename } from 'node:path';
import { type BatchReport, batchExitCode } from '../../batch/run.js';
import type { CommandResult } from '../../cli/kit/command.js';
import { ExitCode } from '../../core/exit-codes.js';
import { t } from '../../output/i18n.js';
import { describeFen } from '../../output/messages/money.js';
import { hintCommand } from '../../output/shell.js';
import { renderProblems, renderSummary } from './batch-summary.js';

/**
 * The result of `imp refund --batch` / `imp query --batch` from what the batch did: the
 * `--json` document and the tables. `withAmounts`: the rows carry amounts (refunds); `imp`: the
 * command's impPrefix, for the hint printed when some outcome stays unknown.
 */
export function batchResult(report: BatchReport, withAmounts: boolean, imp: string): CommandResult {
  const { file, rows, total } = report;
  if (report.dryRun) {
    return {
      json: { ok: true, dryRun: true, file, rows, ...(withAmounts ? { total_fen: total } : {}) },
      render(out) {
        const sum = withAmounts ? `, ${describeFen(total, out.lang)}` : '';
        out.print(
          out.t(
            t(`（演练：未发送）${rows} 行有效${sum}`, `(dry run: nothing sent) ${rows} valid rows${sum}`),
          ),
        );
      },
    };
  }
  const { summary, problems, resultFile } = report;
  const exitCode = batchExitCode(summary);
  const resolve = hintCommand({ imp }, 'journal', 'resolve');
  return {
    exitCode,
    json: {
      ok: exitCode === ExitCode.ok,
      file,
      out: resultFile ?? null,
      rows,
      total_fen: withAmounts ? total : undefined,
      summary: summary.toJSON(withAmounts),
      problems: problems.map((p) => ({ ...p })),
    },
    render(out) {
      out.print(renderSummary(out, summary, withAmounts));
      if (problems.length > 0) out.print(renderProblems(out, basename(file), problems, withAmounts));
      if (problems.length < summary.counts.unknown + summary.counts.refused + summary.counts.failure) {
        out.note(
          out.t(
            t(
              '（只列出前几行问题；完整结果见 --out 文件）',
              '(only the first problem rows are listed; --out has every row)',
            ),
          ),
        );
      }
      if (resultFile) out.note(out.t(t(`逐行结果：${resultFile}`, `results per row: ${resultFile}`)));
      if (summary.counts.unknown > 0) {
        out.note(
          out.t(
            t(
              `有结果未知的行：再次运行同一命令只会查询它们，不会重发；或用 ${resolve}`,
              `some rows have an unknown outcome: running the same command again only queries them, never re-sends; or use ${resolve}`,
            ),
          ),
        );
      }
    },
  };
}
