/**
 * An apikey or key as shown: the first 2 and last 2 characters, enough to tell two apart;
 * short ones are hidden entirely.
 */
export function mask(secret: string | undefined | null): string {
  if (!secret) return '';
  if (secret.length <= 10) return '****';
  return `${secret.slice(0, 2)}…${secret.slice(-2)}`;
}

/** A password as shown: none of its characters, only its length (a typo shows as a wrong length). */
export function maskPassword(secret: string | undefined | null): string {
  if (!secret) return '';
  return `•••• (${[...secret].length} chars)`;
}

/** Replace every occurrence of each secret in `text` by its masked form (passwords by {@link maskPassword}). */
export function maskIn(
  text: string,
  secrets: readonly (string | undefined)[],
  passwords: readonly (string | undefined)[] = [],
): string {
  let out = text;
  for (const s of passwords) {
    if (s && s.length >= 4) out = out.split(s).join(maskPassword(s));
  }
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join(mask(s));
  }
  return out;
}
