/** Options of {@link csvCell}. */
export interface CsvCellOptions {
  /**
   * Put a quote before a text a spreadsheet would run as a formula (leading = + - @,
   * numbers such as -1.00 aside); default true. Off for files a program reads
   * byte for byte (the bank's reconciliation file).
   */
  formulaGuard?: boolean;
}

/** One CSV cell: RFC 4180 quoting (undefined and null are empty). */
export function csvCell(value: unknown, options: CsvCellOptions = {}): string {
  if (value === undefined || value === null) return '';
  let s = String(value);
  if (options.formulaGuard !== false && /^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
