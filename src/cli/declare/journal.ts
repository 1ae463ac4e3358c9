import type { Command } from 'commander';
import { type Dispatch, lazy } from '../program-options.js';

/** The commands of the journal: declared here, each module imported only inside its action. */
export function declareJournal(program: Command, dispatch: Dispatch): void {
  const journal = program
    .command('journal')
    .description('the local record of every request sent and its outcome')
    .option('--limit <n>', 'entries to show', '20')
    .action(lazy(dispatch, () => import('../../commands/journal/list.js')));
  journal
    .command('pending')
    .description('requests whose outcome is still unknown')
    .action(lazy(dispatch, () => import('../../commands/journal/pending.js')));
  journal
    .command('resolve')
    .description('query every unknown outcome and record the answer')
    .action(lazy(dispatch, () => import('../../commands/journal/resolve.js')));
  journal
    .command('dismiss')
    .description('mark an unreadable journal line as looked at (a fragment a killed imp left)')
    .argument('<line>', 'its line number, as the warning or the refund refusal names it')
    .action(lazy(dispatch, () => import('../../commands/journal/dismiss.js')));
  journal
    .command('migrate')
    .description("create or update imp's tables in the shared journal database (journal.url)")
    .action(lazy(dispatch, () => import('../../commands/journal/migrate.js')));
  journal
    .command('import')
    .description('copy a local journal file into the shared database (idempotent, lines unchanged)')
    .argument('<file.jsonl>', 'a local journal, e.g. journal/<profile>.jsonl')
    .action(lazy(dispatch, () => import('../../commands/journal/import.js')));
  journal
    .command('export')
    .description('write the journal as JSONL (from the shared database or the local file)')
    .option('--out <file.jsonl>', 'write to a file (atomically) instead of stdout')
    .action(lazy(dispatch, () => import('../../commands/journal/export.js')));
}
