import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VECTORS_DIR } from '../../helpers/vectors.js';

// The team's source of truth sits beside the repository (../shared/vectors) where this is
// a working copy of the project; the repository carries a copy so that a clone stands alone.
const shared = fileURLToPath(new URL('../../../../shared/vectors', import.meta.url));

function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('test/fixtures/vectors', () => {
  it('holds the signature vectors and every key form', () => {
    const have = files(VECTORS_DIR);
    for (const f of [
      'signatures.json',
      'keys/merchant.p12',
      'keys/merchant-private-pkcs8.b64',
      'keys/platform-cert.pem',
    ])
      expect(have).toContain(f);
  });

  it.runIf(existsSync(shared))('is identical to ../shared/vectors', () => {
    expect(files(VECTORS_DIR).sort()).toEqual(files(shared).sort());
    for (const f of files(shared))
      expect(readFileSync(join(VECTORS_DIR, f)).equals(readFileSync(join(shared, f)))).toBe(true);
  });
});
