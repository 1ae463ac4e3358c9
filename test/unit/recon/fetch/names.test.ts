import { describe, expect, it } from 'vitest';
import { fetchDates, leftoverTempPattern, remoteNames } from '../../../../src/recon/fetch/names.js';

// 2026-03-01 17:30 UTC is already 2026-03-02 01:30 in Asia/Shanghai.
const lateUtc = new Date('2026-03-01T17:30:00Z');

describe('fetch dates', () => {
  it("defaults to yesterday in the bank's time zone, today for the intraday file", () => {
    expect(fetchDates({}, lateUtc)).toEqual(['20260301']);
    expect(fetchDates({ intraday: true }, lateUtc)).toEqual(['20260302']);
    expect(fetchDates({}, new Date('2026-03-01T15:59:59Z'))).toEqual(['20260228']);
  });

  it('expands --from/--to inclusively across a month end and a leap day', () => {
    expect(fetchDates({ from: '20240227', to: '20240301' })).toEqual([
      '20240227',
      '20240228',
      '20240229',
      '20240301',
    ]);
    expect(fetchDates({ from: '20260228' }, lateUtc)).toEqual(['20260228', '20260301']);
  });

  it('refuses bad dates, reversed ranges, mixed flags and huge spans', () => {
    expect(() => fetchDates({ date: '20260230' })).toThrow(/--date: '20260230'/);
    expect(() => fetchDates({ from: '20260305', to: '20260301' })).toThrow(/after/);
    expect(() => fetchDates({ date: '20260301', from: '20260301' })).toThrow(/cannot be combined/);
    expect(() => fetchDates({ from: '20200101', to: '20260101' })).toThrow(/more than 366/);
  });
});

describe('remote names', () => {
  it("follows the spec's names by default", () => {
    expect(remoteNames(undefined, 'B1', '20260301', false)).toEqual({
      dir: '',
      csv: 'DZ_B1_20260301.csv',
      zip: 'DZ_B1_20260301.zip',
    });
    expect(remoteNames(undefined, 'B1', '20260301', true).csv).toBe('tmp_DZ_B1_20260301.csv');
  });

  it('takes a configured pattern; tmp_ goes in front when it has no {intraday}', () => {
    expect(remoteNames('{intraday}recon-{busino}-{date}.txt', 'B1', '20260301', true)).toEqual({
      dir: '',
      csv: 'tmp_recon-B1-20260301.txt',
      zip: 'tmp_recon-B1-20260301.zip',
    });
    expect(remoteNames('dz{date}.zip', 'B1', '20260301', true)).toEqual({
      dir: '',
      csv: 'tmp_dz20260301.csv',
      zip: 'tmp_dz20260301.zip',
    });
    expect(() => remoteNames('DZ_{busino}.csv', 'B1', '20260301', false)).toThrow(/must contain \{date\}/);
    expect(() => remoteNames('../{date}/{busino}.csv', 'B1', '20260301', false)).toThrow(/no '\.\.'/);
    expect(() => remoteNames('/abs/{date}.csv', 'B1', '20260301', false)).toThrow(/no '\.\.'/);
    expect(() => remoteNames('{date}_{merchant}.csv', 'B1', '20260301', false)).toThrow(
      /\{busino\}, \{date\}/,
    );
  });

  it('takes dated folders below the remote directory: {yyyy}/{MM}/…', () => {
    expect(remoteNames('{yyyy}/{MM}/DZ_{busino}_{date}.zip', 'B1', '20260301', true)).toEqual({
      dir: '2026/03',
      csv: 'tmp_DZ_B1_20260301.csv',
      zip: 'tmp_DZ_B1_20260301.zip',
    });
    expect(remoteNames('{yyyy}{MM}/{dd}/{intraday}DZ_{busino}_{date}.csv', 'B1', '20260301', false)).toEqual({
      dir: '202603/01',
      csv: 'DZ_B1_20260301.csv',
      zip: 'DZ_B1_20260301.zip',
    });
  });

  it('recognises the temp files a killed fetch of the pattern leaves, and nothing else', () => {
    const re = leftoverTempPattern('{yyyy}/{MM}/DZ_{busino}_{date}.zip', 'B1');
    expect(re.test('.DZ_B1_20260301.csv.0a1b2c3d.tmp')).toBe(true);
    expect(re.test('.tmp_DZ_B1_20260301.zip.0a1b2c3d.tmp')).toBe(true);
    expect(re.test('.DZ_B2_20260301.csv.0a1b2c3d.tmp')).toBe(false);
    expect(re.test('.diffs.csv.0a1b2c3d.tmp')).toBe(false);
    expect(re.test('DZ_B1_20260301.csv')).toBe(false);
  });
});
