import type { KeyObject } from 'node:crypto';
import type { ResolvedProfile } from '../config/types.js';
import { Journal } from '../journal/journal.js';
import type { PublicKeyEntry } from '../keys/types.js';
import type { Output } from '../output/output.js';
import type { HintContext } from '../output/shell.js';

/**
 * What a session is opened with: only what the send pipeline reads, never the whole CLI context
 * (src/txn sits below the commands; a command opens it through src/commands/shared/session.ts).
 */
export interface SessionInputs {
  readonly out: Output;
  readonly profile: ResolvedProfile;
  /** `--verbose`: print the HTTP exchange on stderr. */
  readonly verbose: boolean;
  /**
   * `imp` with the `-c`/`-p` the operator needed to get here (the command's impPrefix): every
   * command line a hint prints starts with it, the journal's `journal migrate` hint included.
   */
  readonly imp: string;
}

/**
 * Everything a run of transactions shares: the profile, the keys (each loaded
 * once, on first use), the journal and the output. Batch runners open one and
 * send every row through it. It is a {@link HintContext}: hints built below the
 * commands take the session itself. It has no language: what src/txn says is codes, and the
 * renderers (out.lang) choose the words.
 */
export interface TxnSession extends HintContext {
  readonly out: Output;
  readonly imp: string;
  readonly profile: ResolvedProfile;
  readonly journal: Journal;
  /** The merchant private key (loaded on first call, then cached). */
  merchantKey(): Promise<KeyObject>;
  /** The platform public key(s), by certid (loaded on first call, then cached). */
  platformKeys(): Promise<PublicKeyEntry[]>;
  /** Print the HTTP exchange on stderr (`--verbose`), secrets masked. */
  readonly verbose: boolean;
}

/** Open a session on a loaded profile. */
export function openTxnSession({ out, profile: p, verbose, imp }: SessionInputs): TxnSession {
  let merchant: Promise<KeyObject> | undefined;
  let platform: Promise<PublicKeyEntry[]> | undefined;
  return {
    out,
    imp,
    profile: p,
    journal: Journal.forProfile(p, `${imp} journal migrate`),
    verbose,
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
