import { describe, expect, it } from 'vitest';
import { dbDialect, dbErrorText, maskDbUrl } from '../../../src/core/db-url.js';
import { bindLedgerSql, dayBounds } from '../../../src/recon/ledger-sql.js';

const VALUES = dayBounds('20261124', 1800);

describe('ledger query placeholders', () => {
  it('gives the day and the window-widened local range', () => {
    expect(VALUES).toEqual({ date: '2026-11-24', from: '2026-11-23 23:30:00', to: '2026-11-25 00:30:00' });
    expect(dayBounds('20261231', 0)).toEqual({
      date: '2026-12-31',
      from: '2026-12-31 00:00:00',
      to: '2027-01-01 00:00:00',
    });
  });

  it('binds each placeholder as a parameter ($n reused for PostgreSQL, ? per use for MySQL)', () => {
    const sql = 'SELECT * FROM o WHERE t >= {from} AND t < {to} AND d = {date} OR d2 = {date}';
    expect(bindLedgerSql(sql, 'postgres', VALUES)).toEqual({
      text: 'SELECT * FROM o WHERE t >= $1 AND t < $2 AND d = $3 OR d2 = $3',
      params: ['2026-11-23 23:30:00', '2026-11-25 00:30:00', '2026-11-24'],
      used: ['from', 'to', 'date'],
    });
    const my = bindLedgerSql(sql, 'mysql', VALUES);
    expect(my.text).toBe('SELECT * FROM o WHERE t >= ? AND t < ? AND d = ? OR d2 = ?');
    expect(my.params).toEqual(['2026-11-23 23:30:00', '2026-11-25 00:30:00', '2026-11-24', '2026-11-24']);
  });

  it('never rewrites quoted text or comments, and a value never enters the text', () => {
    const sql = `SELECT '{date}', "{to}", 'it''s {from}' -- {date}\n/* {to} */ FROM o WHERE d = {date}`;
    const b = bindLedgerSql(sql, 'postgres', { date: "x'; DROP TABLE o; --" });
    expect(b.text).toBe(`SELECT '{date}', "{to}", 'it''s {from}' -- {date}\n/* {to} */ FROM o WHERE d = $1`);
    expect(b.params).toEqual(["x'; DROP TABLE o; --"]);
    // MySQL strings take backslash escapes: the quote after \\ does not end the literal
    expect(bindLedgerSql("SELECT 'a\\' {date}' , {date}", 'mysql', VALUES).text).toBe(
      "SELECT 'a\\' {date}' , ?",
    );
  });

  it('refuses unknown placeholders, and {date} without a bank day', () => {
    expect(() => bindLedgerSql('WHERE d = {day}', 'postgres', VALUES)).toThrow(/unknown placeholder \{day\}/);
    expect(() => bindLedgerSql('WHERE d = {date}', 'mysql', {}, 'q.sql')).toThrow(
      /^q\.sql: \{date\} needs the bank day/,
    );
  });
});

describe('database URLs', () => {
  const url = 'postgres://reader:p%40ss%3Aw0rd@db.example:5432/shop?sslmode=require';
  it('knows the engines', () => {
    expect(dbDialect(url)).toBe('postgres');
    expect(dbDialect('postgresql://h/db')).toBe('postgres');
    expect(dbDialect('mariadb://h/db')).toBe('mysql');
    expect(dbDialect('mysql://h/db')).toBe('mysql');
    expect(dbDialect('sqlite:x')).toBeUndefined();
    expect(dbDialect('not a url')).toBeUndefined();
  });
  it('masks the password, keeps the rest', () => {
    expect(maskDbUrl(url)).toBe('postgres://reader:****@db.example:5432/shop?sslmode=require');
  });
  it('takes the password out of driver errors in every spelling', () => {
    const err = new Error(`cannot connect to ${url} as reader with p@ss:w0rd or p%40ss%3Aw0rd\nsecond line`);
    const text = dbErrorText(err, url);
    expect(text).toBe(
      'cannot connect to postgres://reader:****@db.example:5432/shop?sslmode=require as reader with **** or ****',
    );
  });
});
