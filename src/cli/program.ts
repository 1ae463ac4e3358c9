import { Argument, Command, Option } from 'commander';
import type { CommandResult } from './kit/command.js';
import {
  collect,
  type Dispatch,
  lazy,
  lazyWithParent,
  orderOptions,
  txnOptions,
  waitOption,
} from './program-options.js';

/** The one place where imp's commands and flags are declared. Each module loads only when its command runs. */
export { type Dispatch, globalOptions } from './program-options.js';

/** `imp refund --help`: the contract of README "Refunds: never twice, never lost", in its words. */
const REFUND_CONTRACT = `
A refund is identified by what the operator means, not by when or where it
was typed:
  - its identity is (profile's busino, orderno, amount, ordinal); the ordinal
    counts refunds of the same order and amount that the operator asked for
    on purpose (--again);
  - running the same refund command again, after any failure, any kill and
    any delay, never sends a new refund while the earlier one may have
    succeeded: it resumes the earlier one (queries and records the answer);
  - a second refund of the same order and amount needs --again; the
    confirmation names the earlier refund (number, time, state); under --yes
    without --again it is refused (exit 2), however much time has passed;
  - if the earlier refund failed for certain, a new one goes out under a new
    number after a confirmation that says so (under --yes it goes ahead:
    nothing was refunded).
Refund number when --refund-no is not given: R1 + the first 24 hex digits
  (upper case) of SHA-256 of
  "imp-refund|<busino>|<orderno>|<amount in fen>|<ordinal>|<attempt>";
  attempt is 1, plus one per earlier attempt at this ordinal that failed for
  certain (26 characters; the spec allows 30).
Batch rows are identified the same way, never by line number (an "again"
  column gives the ordinal; identical rows need a refundno or again column).
Exit codes: 0 refunded or accepted, 1 refused or failed, 2 usage (nothing
  sent), 3 sent but the outcome is unknown (run the same command again),
  7 could not reach the platform (nothing was sent; safe to run again).
`;

export function buildProgram(version: string, dispatch: Dispatch): Command {
  const program = new Command('imp')
    .description('IMP aggregated-acquiring (Jiangxi Bank 聚合收单) merchant tool')
    .version(version, '-V, --version')
    .option(
      '-c, --config <file>',
      'config file (else $IMP_CONFIG, ./imp.config.json, ~/.config/imp/config.json)',
    )
    .option('-p, --profile <name>', 'profile (else $IMP_PROFILE, else defaultProfile)')
    .option('--json', 'one JSON document on stdout', false)
    .option('--no-input', 'never prompt')
    .option('-y, --yes', 'skip confirmations', false)
    .option('--verbose', 'show the HTTP exchange (secrets masked)', false)
    .option('--debug', 'show stack traces', false)
    .addOption(new Option('--lang <lang>', 'language of labels and messages').choices(['zh', 'en']))
    .showHelpAfterError(false)
    .configureHelp({ sortSubcommands: false })
    // before any .command(): subcommands copy this setting when created
    .exitOverride();

  // Core: signatures and the catalogue
  program
    .command('sign')
    .description('sign fields as a merchant request (canonical string, signature, form body)')
    .argument('[fields...]', 'k=v pairs')
    .option('--file <file>', 'fields from a JSON or k=v&… file (- for stdin)')
    .option('--txn <name>', 'fill the header fields for this transaction from the catalogue and profile')
    .option('--explain', 'show how the canonical string was built')
    .action(lazy(dispatch, () => import('../commands/sign/sign.js')));

  program
    .command('verify')
    .description('verify a platform answer or notification and explain why a signature fails')
    .argument('[message]', 'raw answer, URL-encoded notification or JSON (else --file or stdin)')
    .option('--file <file>', 'read the message from a file (- for stdin)')
    .addOption(
      new Option('--as <side>', 'who signed it').choices(['platform', 'merchant']).default('platform'),
    )
    .option('--explain', 'show the canonical strings tried and the diagnosis')
    .action(lazy(dispatch, () => import('../commands/verify/verify.js')));

  program
    .command('encrypt')
    .description('encrypt a sensitive field value with the platform encryption key (spec 2.4.3.2.2)')
    .argument('<text>')
    .action(lazy(dispatch, () => import('../commands/crypt/encrypt.js')));

  program
    .command('decrypt')
    .description('decrypt a returned encrypted field with the merchant private key')
    .argument('<base64>')
    .action(lazy(dispatch, () => import('../commands/crypt/decrypt.js')));

  program
    .command('fields')
    .description("print a transaction's request and answer fields from the catalogue")
    .argument('[txn]', 'pay|qrcode|scan|wechat|refund|refundquery|query|close, or notify (omit to list)')
    .option('--answer', 'show the answer fields too')
    .action(lazy(dispatch, () => import('../commands/fields/fields.js')));

  const config = program.command('config').description('create, show and check the configuration');
  config
    .command('init')
    .description('write a config file (wizard on a terminal, or flags)')
    .option('--sandbox', 'add a "sandbox" profile pointing at a local imp sandbox')
    .option('--sandbox-data <dir>', 'the sandbox data dir (default ./.imp-sandbox)')
    .option('--sandbox-url <url>', 'the sandbox base URL (default http://127.0.0.1:8450/pos/)')
    .option('--name <profile>', 'profile name')
    .option('--base-url <url>')
    .option('--busino <no>')
    .option('--apikey <ref>', 'apikey or a reference (env:NAME, file:path)')
    .option('--merchant-key <path>')
    .option('--merchant-key-password <ref>')
    .option('--platform-key <path>')
    .option('--certid <id>')
    .option('--notify-url <url>')
    .option('--out <file>', 'where to write (default ./imp.config.json)')
    .option('--force', 'overwrite an existing profile of the same name')
    .action(lazy(dispatch, () => import('../commands/config/init.js')));
  config
    .command('show')
    .description('print the resolved profile, secrets masked')
    .action(lazy(dispatch, () => import('../commands/config/show.js')));
  config
    .command('doctor')
    .description('check keys, certificates, permissions, apikey and URLs')
    .action(lazy(dispatch, () => import('../commands/config/doctor.js')));
  config
    .command('probe')
    .description(
      'first contact with the platform: network, TLS, the signature dialect of its answers, SFTP host key',
    )
    .option('--write', 'store the signature dialect found in the profile')
    .option(
      '--order <orderno>',
      'a known, paid order: its answer decides the apikey rule of successful answers',
    )
    .action(lazy(dispatch, () => import('../commands/config/probe.js')));
  config
    .command('profiles')
    .description('list the profile names of the config file (shell completion uses it)')
    .action(lazy(dispatch, () => import('../commands/config/profiles.js')));

  program
    .command('completion')
    .description('print a shell completion script')
    .addArgument(new Argument('<shell>').choices(['bash', 'zsh', 'fish']))
    .action(lazy(dispatch, () => import('../commands/completion/completion.js')));

  // Transactions
  txnOptions(
    waitOption(
      orderOptions(
        program.command('pay').description('消费: server-side payment or a browser form (spec 2.6.2)'),
      ),
    ),
  )
    .addOption(new Option('--channel <channel>', 'channel_type').choices(['pc', 'wap']).default('pc'))
    .addOption(new Option('--pay-type <type>', 'pay_type').choices(['wechat', 'alipay', 'unionpay']))
    .option('--return-url <url>', 'front redirect URL (default: profile returnUrl)')
    .option('--account <no>', "the payer's 聚合收单会员号 (member number), sent as plain text")
    .option('--regname <name>', 'payer name')
    .option(
      '--form <file.html>',
      'write the auto-submitting HTML form for the browser flow instead of calling',
    )
    .action(lazy(dispatch, () => import('../commands/pay/pay.js')));

  txnOptions(
    waitOption(
      orderOptions(program.command('qrcode').description('申请二维码: get a QR code to scan (spec 2.6.6)')),
    ),
  )
    .addOption(
      new Option('--type <type>', 'qrcode type')
        .choices(['aggregate', 'alipay', 'wechat', 'unionpay'])
        .default('aggregate'),
    )
    .option('--png <file>', 'also save the QR code as a PNG')
    .option('--qr', 'draw the QR code even when stdout is not a terminal (else: the URL alone)')
    .action(lazy(dispatch, () => import('../commands/qrcode/qrcode.js')));

  txnOptions(
    waitOption(
      orderOptions(
        program.command('scan').description("被扫: charge a customer's payment code (spec 2.6.7)"),
      ),
    ),
  )
    .option('--auth-code <code>', "the customer's payment code (auth_code)")
    .action(lazy(dispatch, () => import('../commands/scan/scan.js')));

  txnOptions(
    orderOptions(program.command('wechat').description('微信下单: JSAPI payment parameters (spec 2.6.8)')),
  )
    .option('--appid <id>', 'sub_appid')
    .option('--openid <id>', 'sub_openid')
    .option('--mini', 'mini program (param_type 0)')
    .option('--mp', 'official account (param_type 1, default)')
    .action(lazy(dispatch, () => import('../commands/wechat/wechat.js')));

  txnOptions(
    waitOption(
      program.command('query').description('支付/退款查询: payment or refund status (spec 2.6.5, 2.6.4)'),
    ),
  )
    .argument('[orderno]', 'merchant order number')
    .option('--transno <no>', 'IMP order number')
    .option('--refund <refundno>', 'query a refund instead of the payment')
    .option('--order <no>', 'merchant order number (with --refund)')
    .option('--batch <file.csv>', 'query every row of a CSV (header: orderno[,refundno,transno])')
    .option('--refresh', 'with --batch: ask again about rows the journal already has as final')
    .option('--concurrency <n>', 'parallel requests in a batch', '4')
    .option('--rate <n/s>', 'requests a second a batch sends at most (default 50/s; off: no limit)')
    .option('--out <file>', 'batch results (.csv or .json)')
    .action(lazy(dispatch, () => import('../commands/query/query.js')));

  txnOptions(
    waitOption(program.command('refund').description('退货: refund a paid order, safely (spec 2.6.3)')),
  )
    .argument('[orderno]', 'merchant order number of the payment')
    .option('--amount <yuan>', 'refund amount in 元')
    .option('--reason <text>', 'refund reason')
    .option('--void', 'same-day full void (opertype 1); takes the whole paid amount without --amount')
    .option('--refund-no <no>', "merchant refund number (derived from the refund's identity when omitted)")
    .option('--transno <no>', 'IMP order number of the payment (skips the lookup)')
    .option(
      '--resume <refundno>',
      'find out what happened to a refund whose answer never came; never re-sends',
    )
    .option(
      '--again',
      'another refund of the same order and amount, on purpose (however long after the last)',
    )
    .option('--force', 'deprecated: means --again')
    .option(
      '--batch <file.csv>',
      'refund every row of a CSV (header: orderno,amount_fen[,refundno,again,reason])',
    )
    .option(
      '--retry-failed',
      'in a batch, send rows whose earlier refund failed for certain again (new number)',
    )
    .option('--concurrency <n>', 'parallel requests in a batch', '4')
    .option('--rate <n/s>', 'requests a second a batch sends at most (default 50/s; off: no limit)')
    .option('--out <file>', 'batch results (.csv or .json)')
    .addHelpText('after', REFUND_CONTRACT)
    .action(lazy(dispatch, () => import('../commands/refund/index.js')));

  txnOptions(program.command('close').description('关闭订单: close an unpaid order (spec 2.6.9)'))
    .argument('[orderno]', 'merchant order number')
    .option('--transno <no>', 'IMP order number')
    .action(lazy(dispatch, () => import('../commands/close/close.js')));

  const journal = program
    .command('journal')
    .description('the local record of every request sent and its outcome')
    .option('--limit <n>', 'entries to show', '20')
    .action(lazy(dispatch, () => import('../commands/journal/list.js')));
  journal
    .command('pending')
    .description('requests whose outcome is still unknown')
    .action(lazy(dispatch, () => import('../commands/journal/pending.js')));
  journal
    .command('resolve')
    .description('query every unknown outcome and record the answer')
    .action(lazy(dispatch, () => import('../commands/journal/resolve.js')));
  journal
    .command('dismiss')
    .description('mark an unreadable journal line as looked at (a fragment a killed imp left)')
    .argument('<line>', 'its line number, as the warning or the refund refusal names it')
    .action(lazy(dispatch, () => import('../commands/journal/dismiss.js')));
  journal
    .command('migrate')
    .description("create or update imp's tables in the shared journal database (journal.url)")
    .action(lazy(dispatch, () => import('../commands/journal/migrate.js')));
  journal
    .command('import')
    .description('copy a local journal file into the shared database (idempotent, lines unchanged)')
    .argument('<file.jsonl>', 'a local journal, e.g. journal/<profile>.jsonl')
    .action(lazy(dispatch, () => import('../commands/journal/import.js')));
  journal
    .command('export')
    .description('write the journal as JSONL (from the shared database or the local file)')
    .option('--out <file.jsonl>', 'write to a file (atomically) instead of stdout')
    .action(lazy(dispatch, () => import('../commands/journal/export.js')));

  // Notifications
  const notify = program.command('notify').description('asynchronous notifications (异步通知)');
  notify
    .command('listen')
    .description('receive, verify and answer notifications; optionally forward them')
    .option('--port <port>', 'port', '8460')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--forward-to <url>', "re-post each notification to the merchant's handler")
    .option('--forward-unverified', 'also forward notifications that did not verify (X-Imp-Verified: false)')
    .option('--save <dir>', 'save each verified raw notification for replay')
    .option('--save-max-mb <MiB>', 'bytes --save may write per day (default 100)')
    .option('--max-connections <n>', 'open connections at most (default 256)')
    .option('--header-timeout <s>', 'seconds to receive the request headers (default 10)')
    .option('--body-timeout <s>', 'seconds to receive the body after the headers (default 10)')
    .option('--repeat-memory <n>', 'verified notifications remembered for [repeat] (default 100000)')
    .action(lazy(dispatch, () => import('../commands/notify/listen.js')));
  notify
    .command('send')
    .description('sign a notification as the platform would and POST it, or replay a saved one')
    .argument('<url>')
    .option('--order <no>', 'merchant order number')
    .addOption(
      new Option('--status <status>', 'payment status (the platform itself notifies paid ones only)')
        .choices(['paid', 'failed'])
        .default('paid'),
    )
    .option('--amount <yuan>', 'amount in 元', '0.01')
    .option('--replay <file>', 're-send a saved notification byte for byte')
    .option('--key <file>', 'platform private key (default: the sandbox key)')
    .action(lazy(dispatch, () => import('../commands/notify/send.js')));

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
    .action(lazy(dispatch, () => import('../commands/recon/fetch.js')));
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
    .action(lazy(dispatch, () => import('../commands/recon/check.js')));
  recon
    .command('history')
    .description('each checked bank day and its state (needs recon.store or journal.url)')
    .option('--from <yyyyMMdd>')
    .option('--to <yyyyMMdd>')
    .action(lazy(dispatch, () => import('../commands/recon/history.js')));
  recon
    .command('differences')
    .description("the differences of each day's latest check, across days")
    .option('--open', 'only those not settled yet')
    .option('--from <yyyyMMdd>')
    .option('--to <yyyyMMdd>')
    .action(lazy(dispatch, () => import('../commands/recon/differences.js')));
  recon
    .command('settle')
    .description('mark a difference handled, with a note (append-only: who and when are kept)')
    .argument('<id>', 'the id imp recon differences shows')
    .requiredOption('--note <text>', 'what was done about it')
    .action(lazy(dispatch, () => import('../commands/recon/settle.js')));

  // Sandbox and demo
  const sandbox = program
    .command('sandbox')
    .description('run a local, stateful copy of the IMP platform (HTTP, notifications, SFTP)')
    .option('--port <port>', 'HTTP port', '8450')
    .option('--sftp-port <port>', 'SFTP port', '8451')
    .option('--data <dir>', 'state and keys directory', '.imp-sandbox')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--fast', 'divide notification retry delays by 100 (tests)')
    .option('--latency <ms>', 'add latency to every answer')
    .option('--drop-rate <0..1>', 'drop this share of connections without an answer')
    .option('--error-rate <0..1>', 'answer this share with HTTP 500')
    .option('--bad-sign-rate <0..1>', 'break the signature of this share of answers')
    .option('--allow-remote-notify', 'allow notify_url hosts other than loopback')
    .option('--utf8', 'write reconciliation files in UTF-8 instead of GBK')
    .option('--aes', 'AES zips instead of ZipCrypto')
    .option('--fee-rate <rate>', 'service fee rate for reconciliation files', '0.006')
    .addOption(
      new Option('--summary <basis>', 'reconciliation summary total: net (payments less refunds) or gross')
        .choices(['net', 'gross'])
        .default('net'),
    )
    .option(
      '--dialect <settings>',
      'signature dialect to speak, e.g. signType=include,answerApikey=always (kept in the data dir; "default" resets)',
    )
    // the table lives with the sandbox; keeping it out of here keeps the start-up bundle free of sandbox code
    .addHelpText(
      'after',
      '\nTest trigger amounts (last two digits in 分): imp sandbox triggers, or the README',
    )
    .action(lazy(dispatch, () => import('../commands/sandbox/serve.js')));
  sandbox
    .command('triggers')
    .description('the test trigger table: which amounts and auth codes give which outcome')
    .action(lazy(dispatch, () => import('../commands/sandbox/triggers.js')));
  sandbox
    .command('pay')
    .description('a customer pays a pending order')
    .argument('<orderno>')
    .option('--url <url>', "sandbox base URL (else imp sandbox --data's, the profile's, ./.imp-sandbox's)")
    .action(lazyWithParent(dispatch, ['data'], () => import('../commands/sandbox/pay.js')));
  sandbox
    .command('settle')
    .description('write the end-of-day reconciliation file for a day now')
    .requiredOption('--date <yyyyMMdd>')
    .option('--url <url>', "sandbox base URL (else imp sandbox --data's, the profile's, ./.imp-sandbox's)")
    .action(lazyWithParent(dispatch, ['data'], () => import('../commands/sandbox/settle.js')));

  program
    .command('demo')
    .description('walk the life of an order against an embedded sandbox')
    .action(lazy(dispatch, () => import('../commands/demo/demo.js')));

  return program;
}

export type { CommandResult };
