import { UsageError } from '../core/errors.js';
import type { Fields } from '../protocol/signer.js';

/**
 * Parse repeated `--field k=v` options. The value may hold `=`; an empty value
 * (`--field dev=`) removes the field, since empty fields are never sent.
 * Every malformed one is named in a single usage error.
 */
export function parseExtras(extras: readonly string[] | undefined): Fields {
  const out: Fields = {};
  const bad: string[] = [];
  for (const raw of extras ?? []) {
    const i = raw.indexOf('=');
    const key = i > 0 ? raw.slice(0, i).trim() : '';
    if (!key || /[\s&]/.test(key) || key === 'sign' || key === 'sign_type') bad.push(raw);
    else out[key] = raw.slice(i + 1);
  }
  if (bad.length > 0) {
    throw new UsageError(
      `--field: expected k=v (not sign/sign_type): ${bad.map((b) => `'${b}'`).join(', ')}`,
      {
        code: 'BAD_FIELD_OPTION',
      },
    );
  }
  return out;
}
