import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The README's crontab: cron reads schedules in the system time zone (often UTC on servers),
// while the bank's day is Asia/Shanghai. The example must set CRON_TZ before its schedule.
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('README cron example', () => {
  it('sets CRON_TZ=Asia/Shanghai before the schedule line', () => {
    const at = readme.indexOf('## Reconciliation (cron)');
    const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))?.[1] ?? '';
    const lines = block.split('\n').filter((l) => l && !l.startsWith('#'));
    const schedule = lines.findIndex((l) => /^[\d*]+ [\d*]+ [\d*]+ [\d*]+ [\d*]+\s/.test(l));
    expect(schedule).toBeGreaterThan(0);
    expect(lines.slice(0, schedule)).toContain('CRON_TZ=Asia/Shanghai');
  });
});
