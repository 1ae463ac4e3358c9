import { describe, expect, it } from 'vitest';
import { ledgerDbSource, resolveDbColumns } from '../../../src/recon/ledger-db.js';
import { parseLedgerMap } from '../../../src/recon/ledger-file.js';

describe('--ledger-db columns', () => {
  it('finds the ledger fields by the CSV default names, case-insensitively', () => {
    const idx = resolveDbColumns(['ORDER_NO', 'Amount', 'STATUS', 'misc', '交易时间'], {}, 'q');
    expect(idx).toMatchObject({ orderno: 0, amount: 1, status: 2, time: 4, refundno: -1, fee: -1, type: -1 });
  });

  it('uses --map like a CSV ledger, and names what is missing', () => {
    const mapped = parseLedgerMap(['orderno=oid', 'amount=amt_fen']);
    expect(resolveDbColumns(['oid', 'amt_fen'], mapped, 'q')).toMatchObject({ orderno: 0, amount: 1 });
    expect(() => resolveDbColumns(['oid'], parseLedgerMap(['fee=svc']), 'q.sql')).toThrow(
      'q.sql: --map fee=svc: the query has no such column',
    );
    expect(() => resolveDbColumns(['id', 'total'], {}, '--ledger-sql')).toThrow(
      "--ledger-sql: the query has no 'orderno' column (name it with AS orderno, or --map orderno=<column>)",
    );
  });

  it('refuses a URL that is not a database it knows, without showing its password', () => {
    expect(() => ledgerDbSource({ url: 'http://u:Secret-Pw-1@h/db', sql: 'x', window: 0 })).toThrow(
      '--ledger-db http://u:****@h/db: expected a postgres://, mysql:// or mariadb:// URL',
    );
  });
});
