import { verifyText } from '../output/messages/verify.js';
import type { VerifyNote } from '../protocol/verify-diagnosis.js';
import { postRaw } from './post.js';

/** What happened to the forwarded copy. */
export interface ForwardResult {
  url: string;
  ok: boolean;
  /** The `X-Imp-Verified` header it carried. */
  verified: boolean;
  status?: number;
  body?: string;
  ms?: number;
  /** Set when the handler could not be reached (down, timeout). */
  error?: string;
}

/** Longest `X-Imp-Diagnosis` value: a header, not a report. */
const MAX_DIAGNOSIS = 1000;

/**
 * The diagnosis as one header value: English, the lines joined with `; `, anything outside
 * printable ASCII written `\uXXXX` (a header cannot carry newlines, and field values quoted
 * in a diagnosis come from whoever sent the notification).
 */
export function diagnosisHeader(diagnosis: readonly VerifyNote[]): string {
  const text = diagnosis.map((d) => verifyText(d).en).join('; ') || 'not verified';
  const safe = text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > MAX_DIAGNOSIS ? `${safe.slice(0, MAX_DIAGNOSIS - 3)}...` : safe;
}

/** Re-post a notification to the merchant's handler, saying whether imp verified it (and why not). */
export async function forwardNotification(
  url: string,
  body: Buffer,
  contentType: string | undefined,
  verdict: { valid: boolean; diagnosis: readonly VerifyNote[] },
  timeoutMs: number,
): Promise<ForwardResult> {
  const headers: Record<string, string> = { 'x-imp-verified': String(verdict.valid) };
  if (!verdict.valid) headers['x-imp-diagnosis'] = diagnosisHeader(verdict.diagnosis);
  try {
    const ans = await postRaw(
      url,
      body,
      contentType ?? 'application/x-www-form-urlencoded',
      timeoutMs,
      undefined,
      headers,
    );
    const ok = ans.status >= 200 && ans.status < 300;
    return { url, ok, verified: verdict.valid, status: ans.status, body: ans.body, ms: ans.ms };
  } catch (err) {
    return { url, ok: false, verified: verdict.valid, error: (err as Error).message };
  }
}
