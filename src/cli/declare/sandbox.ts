import { type Command, Option } from 'commander';
import { type Dispatch, lazy, lazyWithParent } from '../program-options.js';

/** The commands of the sandbox and the demo: declared here, each module imported only inside its action. */
export function declareSandbox(program: Command, dispatch: Dispatch): void {
  // Sandbox and demo
  const sandbox = program
    .command('sandbox')
    .description('run a local, stateful copy of the IMP platform (HTTP, notifications, SFTP)')
    .option('--port <port>', 'HTTP port', '8450')
    .option('--sftp-port <port>', 'SFTP port', '8451')
    .option('--data <dir>', 'state and keys directory', '.imp-sandbox')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--fast', 'divide notification retry delays by 100 (tests)')
    .option('--latency <ms>', 'answer each transaction this long after it arrives, its work included')
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
    .action(lazy(dispatch, () => import('../../commands/sandbox/serve.js')));
  sandbox
    .command('triggers')
    .description('the test trigger table: which amounts and auth codes give which outcome')
    .action(lazy(dispatch, () => import('../../commands/sandbox/triggers.js')));
  sandbox
    .command('pay')
    .description('a customer pays a pending order')
    .argument('<orderno>')
    .option('--url <url>', "sandbox base URL (else imp sandbox --data's, the profile's, ./.imp-sandbox's)")
    .action(lazyWithParent(dispatch, ['data'], () => import('../../commands/sandbox/pay.js')));
  sandbox
    .command('settle')
    .description('write the end-of-day reconciliation file for a day now')
    .requiredOption('--date <yyyyMMdd>')
    .option('--url <url>', "sandbox base URL (else imp sandbox --data's, the profile's, ./.imp-sandbox's)")
    .action(lazyWithParent(dispatch, ['data'], () => import('../../commands/sandbox/settle.js')));

  program
    .command('demo')
    .description('walk the life of an order against an embedded sandbox')
    .action(lazy(dispatch, () => import('../../commands/demo/demo.js')));
}
