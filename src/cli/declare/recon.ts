import { type Command, Option } from 'commander';
import { collect, type Dispatch, lazy } from '../program-options.js';

/** The commands of reconciliation: declared here, each module imported only inside its action. */
export function declareRecon(program: Command, dispatch: Dispatch): void {
  // Reconciliation
  const recon = program.command('recon').description('reconciliation files (对账文件, spec 2.7)');
  recon
    .command('fetch')
    .description('download the reconciliation file(s) over SFTP')
    .option('--date <yyyyMMdd>', "the bank's day (default: yesterday, Asia/Shanghai; today with --intraday)")
    .option('--from <yyyyMMdd>')
    .option('--to <yyyyMMdd>')
    .option('--intraday', 'the intraday tmp_DZ_ file (informational only)')
    .option('--out <dir>', 'where to save (default: recon.dir)')
    .option('--force', 'download again even if an identical file is present')
    .option('--accept-new-host-key', 'pin the host key on first use (written into the config)')
    .option(
      '--alert <url>',
      'on exit 3 or 6, post a summary to a WeCom/DingTalk/Feishu robot or JSON webhook',
    )
    .option('--alert-format <format>', 'wecom, dingtalk, feishu or json (default: from the URL host)')
    .option('--deadline <HH:MM>', 'with --alert: only once this time (Asia/Shanghai) has passed')
    .action(lazy(dispatch, () => import('../../commands/recon/fetch.js')));
  recon
    .command('check')
    .description("check a bank file against itself and the merchant's ledger or journal")
    .argument('<file>', 'DZ_ or tmp_DZ_ file (CSV, UTF-8 or GBK)')
    .option('--ledger <file.csv>', "the merchant's ledger export")
    .option('--journal', "use imp's journal as the ledger")
    .option(
      '--ledger-db <url>',
      "read the ledger from the merchant's database (postgres://, mysql://; env:NAME, file:path)",
    )
    .option(
      '--ledger-sql <query>',
      'the ledger query for --ledger-db, or @file.sql; {date} {from} {to} are bound',
    )
    .option('--resolve', 'with --journal: settle unsettled journal entries first (imp journal resolve)')
    .option('--map <col=field>', 'ledger column mapping (repeatable), e.g. type=业务类型', collect)
    .addOption(
      new Option('--ledger-unit <unit>', 'ledger amount unit').choices(['fen', 'yuan']).default('fen'),
    )
    .option('--window <duration>', 'one-sided orders this close to midnight are pending, not errors', '30m')
    .option('--carry <state-file>', 'keep cross-midnight orders and settle them against the next file')
    .option('--report <file>', 'write every difference to .csv or .json')
    .option('--max-line-bytes <n>', 'longer lines are unreadable (default 65536)')
    .option(
      '--alert <url>',
      'when not clean, post a summary to a WeCom/DingTalk/Feishu robot or JSON webhook',
    )
    .option('--alert-format <format>', 'wecom, dingtalk, feishu or json (default: from the URL host)')
    .addHelpText(
      'after',
      [
        '',
        'Ledger CSV: a header row; columns type (pay|refund, 支付|退款), orderno, refundno,',
        'amount (分, refunds positive; --ledger-unit yuan for 元), status (success|failed|pending,',
        '成功|失败|处理中), time (yyyyMMddHHmmss), optional fee (分). Other names: --map amount=金额.',
        'Exit: 0 clean, 5 differences or unreadable lines, 2 unreadable input.',
      ].join('\n'),
    )
    .action(lazy(dispatch, () => import('../../commands/recon/check.js')));
  recon
    .command('history')
    .description('each checked bank day and its state (needs recon.store or journal.url)')
    .option('--from <yyyyMMdd>')
    .option('--to <yyyyMMdd>')
    .action(lazy(dispatch, () => import('../../commands/recon/history.js')));
  recon
    .command('differences')
    .description("the differences of each day's latest check, across days")
    .option('--open', 'only those not settled yet')
    .option('--from <yyyyMMdd>')
    .option('--to <yyyyMMdd>')
    .action(lazy(dispatch, () => import('../../commands/recon/differences.js')));
  recon
    .command('settle')
    .description('mark a difference handled, with a note (append-only: who and when are kept)')
    .argument('<id>', 'the id imp recon differences shows')
    .requiredOption('--note <text>', 'what was done about it')
    .action(lazy(dispatch, () => import('../../commands/recon/settle.js')));
}
