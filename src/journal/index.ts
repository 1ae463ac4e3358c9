/**
 * The journal: an append-only JSONL record per profile of every request sent
 * and its outcome. `begin` before sending (fsynced), `finish` after; readers
 * fold the two. See {@link Journal}.
 */

// Transitional: src/refund/damaged.ts (another branch's area) still reads the reasons' words
// from here; drop this line once it imports them from src/output/messages/journal.ts.
export { DAMAGE_REASON_TEXT } from '../output/messages/journal.js';
export type { AppendOptions } from './appender.js';
export { type Claims, ClaimWatch, OrderClaims, type Rival } from './claims.js';
export { isOwnEntryId, journalPath, newEntryId } from './entry-id.js';
export { JournalFold } from './fold.js';
export { type BeginInput, Journal } from './journal.js';
export { checksumOf, encodeLine, verifyLine } from './line-format.js';
export { MAX_JOURNAL_LINE_BYTES } from './line-reader.js';
export {
  DAMAGE_REASONS,
  type DamagedLine,
  type DamageReason,
  excerptOf,
  JournalDamage,
  type JournalDismissal,
  lineDigest,
  type ReadJournalOptions,
  readJournalLines,
} from './read.js';
export {
  isFinalState,
  JOURNAL_STATES,
  type JournalBegin,
  type JournalEntry,
  type JournalLine,
  type JournalOutcome,
  type JournalState,
} from './types.js';
export type { JournalView } from './view.js';
