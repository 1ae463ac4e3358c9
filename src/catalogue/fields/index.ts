// The field dictionary: every field of the spec's tables, defined once, grouped by theme.
// Tables list these; where a table really differs, it says so with vary().
export * from './merchant.js';
export * from './money.js';
export * from './order.js';
export * from './payer.js';
export * from './refund.js';
export * from './result.js';
export * from './rows.js';
