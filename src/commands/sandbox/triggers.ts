import type { CommandRun } from '../../cli/kit/command.js';
import { PAYMENT_TRIGGERS, REFUND_TRIGGERS, triggerTableLines } from '../../sandbox/triggers.js';

/** `imp sandbox triggers`: the sandbox's test trigger table, in the reader's language. */
export const run: CommandRun = async (ctx) => ({
  json: { payments: PAYMENT_TRIGGERS, refunds: REFUND_TRIGGERS },
  render: (out) => {
    for (const line of triggerTableLines(ctx.lang)) out.print(line);
  },
});
