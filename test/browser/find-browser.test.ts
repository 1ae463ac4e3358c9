import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../helpers/browser.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imp-browser-'));
const bin = path.join(dir, 'bin');
const fake = (name: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('findBrowser: where the browser tests find Chromium', () => {
  it('takes CHROMIUM_PATH first', () => {
    const file = fake('my-chrome');
    expect(findBrowser({ CHROMIUM_PATH: file, PATH: '' })).toBe(file);
  });

  it('else looks for chromium, chromium-browser, google-chrome on PATH', () => {
    mkdirSync(bin, { recursive: true });
    const file = path.join(bin, 'chromium-browser');
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, 0o755);
    expect(findBrowser({ PATH: `/nonexistent${path.delimiter}${bin}` })).toBe(file);
  });

  it('none: one visible line saying how to enable the tests, and null', () => {
    const lines: string[] = [];
    expect(findBrowser({ PATH: '/nonexistent' }, (l) => lines.push(l))).toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^SKIP browser tests: .*CHROMIUM_PATH=/);
  });

  it('none under IMP_REQUIRE_BROWSER=1: a failure', () => {
    expect(() => findBrowser({ PATH: '/nonexistent', IMP_REQUIRE_BROWSER: '1' })).toThrow(
      /IMP_REQUIRE_BROWSER=1/,
    );
    expect(() =>
      findBrowser({ CHROMIUM_PATH: path.join(dir, 'missing'), PATH: '', IMP_REQUIRE_BROWSER: '1' }),
    ).toThrow(/CHROMIUM_PATH=.*missing is not an executable/);
  });
});
