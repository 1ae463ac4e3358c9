import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/cli/kit/context.js';
import { impPrefix } from '../../../src/cli/kit/hint.js';
import { findOutCommand, waitCommand } from '../../../src/txn/hints.js';
import type { TxnSession } from '../../../src/txn/session.js';

// Every command imp prints for a person carries -c/-p when they were needed to get here, and
// works when copied and run from another directory: the config path is absolute.
function session(
  global: { profile?: string; config?: string },
  configPath: string,
  env: NodeJS.ProcessEnv = {},
  cwd = '/home/op/shop',
): TxnSession {
  const streams = { stdout: new PassThrough(), stderr: new PassThrough() };
  const ctx = createContext(
    { json: false, input: false, yes: false, verbose: false, debug: false, lang: 'en', ...global },
    { streams, env, cwd },
  );
  // what src/commands/shared/session.ts hands the session: the command's impPrefix
  return {
    out: ctx.out,
    lang: ctx.lang,
    imp: impPrefix(ctx),
    verbose: false,
    profile: { configPath },
  } as unknown as TxnSession;
}

describe('printed commands carry the flags that got here', () => {
  it('a relative -c becomes absolute', () => {
    const s = session({ config: 'conf/imp.json', profile: 'prod' }, '/home/op/shop/conf/imp.json');
    expect(waitCommand(s, 'o1')).toBe('imp -c /home/op/shop/conf/imp.json -p prod query o1 --wait');
    expect(findOutCommand(s, 'pay', { orderno: 'o1' })).toBe(
      'imp -c /home/op/shop/conf/imp.json -p prod query o1',
    );
  });

  it('a config found as ./imp.config.json is named, since another directory would not find it', () => {
    const shop = mkdtempSync(path.join(tmpdir(), 'imp-hints-'));
    writeFileSync(path.join(shop, 'imp.config.json'), '{}');
    const s = session({}, path.join(shop, 'imp.config.json'), {}, shop);
    expect(waitCommand(s, 'o1')).toBe(`imp -c ${path.join(shop, 'imp.config.json')} query o1 --wait`);
  });

  it('$IMP_CONFIG and $IMP_PROFILE are named too (another shell or cron may not have them); the per-user config follows the user', () => {
    expect(
      waitCommand(session({}, '/etc/imp.json', { IMP_CONFIG: '/etc/imp.json', IMP_PROFILE: 'prod' }), 'o1'),
    ).toBe('imp -c /etc/imp.json -p prod query o1 --wait');
    expect(waitCommand(session({}, '/home/op/.config/imp/config.json'), 'o1')).toBe('imp query o1 --wait');
  });
});
