import { type Command, Option } from 'commander';
import { type Dispatch, lazy } from '../program-options.js';

/** The commands of asynchronous notifications: declared here, each module imported only inside its action. */
export function declareNotify(program: Command, dispatch: Dispatch): void {
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
    .action(lazy(dispatch, () => import('../../commands/notify/listen.js')));
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
    .action(lazy(dispatch, () => import('../../commands/notify/send.js')));
}
