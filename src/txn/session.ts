import type { KeyObject } from 'node:crypto';
import type { Context } from '../cli/kit/context.js';
import { impPrefix } from '../cli/kit/hint.js';
import type { ResolvedProfile } from '../config/types.js';
import { Journal } from '../journal/journal.js';
import type { PublicKeyEntry } from '../keys/types.js';

/**
 * Everything a run of transactions shares: the profile, the keys (each loaded
 * once, on first use), the journal and the output. Batch runners open one and
 * send every row through it.
 */
export interface TxnSession {
  readonly ctx: Context;
  readonly profile: ResolvedProfile;
  readonly journal: Journal;
  /** The merchant private key (loaded on first call, then cached). */
  merchantKey(): Promise<KeyObject>;
  /** The platform public key(s), by certid (loaded on first call, then cached). */
  platformKeys(): Promise<PublicKeyEntry[]>;
  /** Print the HTTP exchange on stderr (`--verbose`), secrets masked. */
  readonly verbose: boolean;
}

/** Open a session on the selected profile (throws ConfigError, exit 2, when it does not load). */
export async function openSession(ctx: Context, profile?: ResolvedProfile): Promise<TxnSession> {
  const p = profile ?? (await ctx.profile());
  let merchant: Promise<KeyObject> | undefined;
  let platform: Promise<PublicKeyEntry[]> | undefined;
  return {
    ctx,
    profile: p,
    journal: Journal.forProfile(p, `${impPrefix(ctx)} journal migrate`),
    verbose: ctx.global.verbose,
    merchantKey() {
      merchant ??= import('../keys/load.js').then((m) => m.loadPrivateKey(p.merchantKey));
      return merchant;
    },
    platformKeys() {
      platform ??= import('../keys/load.js').then((m) => m.loadPlatformKeys(p.platformKeys));
      return platform;
    },
  };
}
