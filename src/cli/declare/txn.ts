import { type Command, Option } from 'commander';
import { type Dispatch, lazy, orderOptions, txnOptions, waitOption } from '../program-options.js';

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

/** The commands that create a payment (pay, qrcode, scan, wechat); each module is imported only inside its action. */
export function declarePayments(program: Command, dispatch: Dispatch): void {
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
    .action(lazy(dispatch, () => import('../../commands/pay/pay.js')));

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
    .action(lazy(dispatch, () => import('../../commands/qrcode/qrcode.js')));

  txnOptions(
    waitOption(
      orderOptions(
        program.command('scan').description("被扫: charge a customer's payment code (spec 2.6.7)"),
      ),
    ),
  )
    .option('--auth-code <code>', "the customer's payment code (auth_code)")
    .action(lazy(dispatch, () => import('../../commands/scan/scan.js')));

  txnOptions(
    orderOptions(program.command('wechat').description('微信下单: JSAPI payment parameters (spec 2.6.8)')),
  )
    .option('--appid <id>', 'sub_appid')
    .option('--openid <id>', 'sub_openid')
    .option('--mini', 'mini program (param_type 0)')
    .option('--mp', 'official account (param_type 1, default)')
    .action(lazy(dispatch, () => import('../../commands/wechat/wechat.js')));
}

/** The commands on an order once it exists: query, refund (its safety contract in its help), close. */
export function declareOrderCommands(program: Command, dispatch: Dispatch): void {
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
    .action(lazy(dispatch, () => import('../../commands/query/query.js')));

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
    .action(lazy(dispatch, () => import('../../commands/refund/index.js')));

  txnOptions(program.command('close').description('关闭订单: close an unpaid order (spec 2.6.9)'))
    .argument('[orderno]', 'merchant order number')
    .option('--transno <no>', 'IMP order number')
    .action(lazy(dispatch, () => import('../../commands/close/close.js')));
}
