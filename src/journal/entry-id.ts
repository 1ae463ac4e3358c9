import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ResolvedProfile } from '../config/types.js';

/** The journal file of a profile: `<journalDir>/<profile>.jsonl`. */
export function journalPath(profile: Pick<ResolvedProfile, 'journalDir' | 'name'>): string {
  return join(profile.journalDir, `${profile.name}.jsonl`);
}

/** Random per process; with the counter, ids stay unique across processes without asking OpenSSL per entry. */
const processTag = randomBytes(4).toString('hex');
let idCounter = 0;

/** A fresh entry id: sortable by time, unique across processes (`<ms base36>-<8 hex process><4 hex counter>`). */
export function newEntryId(): string {
  idCounter = (idCounter + 1) & 0xffff;
  return `${Date.now().toString(36)}-${processTag}${idCounter.toString(16).padStart(4, '0')}`;
}

/** Was this entry id made by this process (its process tag)? */
export function isOwnEntryId(id: string): boolean {
  return id.slice(id.indexOf('-') + 1, id.indexOf('-') + 9) === processTag;
}
