import type { Context } from '../../cli/kit/context.js';
import { impPrefix } from '../../cli/kit/hint.js';
import type { ResolvedProfile } from '../../config/types.js';
import { openTxnSession, type TxnSession } from '../../txn/session.js';

/** Open a transaction session for a command on the selected profile (throws ConfigError, exit 2, when it does not load). */
export async function openSession(ctx: Context, profile?: ResolvedProfile): Promise<TxnSession> {
  return openTxnSession({
    out: ctx.out,
    profile: profile ?? (await ctx.profile()),
    verbose: ctx.global.verbose,
    imp: impPrefix(ctx),
  });
}
