/** Show only the first 4 and last 4 characters of a secret; short secrets are hidden entirely. */
export function mask(secret: string | undefined | null): string {
  if (!secret) return '';
  if (secret.length <= 10) return '****';
  return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
}

/** Replace every occurrence of each secret in `text` by its masked form. */
export function maskIn(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join(mask(s));
  }
  return out;
}
