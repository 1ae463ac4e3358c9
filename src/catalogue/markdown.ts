import { CATALOGUE } from './index.js';
import type { FieldDef, StatusTable, TxnDef } from './types.js';
import { TXN_NAMES } from './types.js';

// docs/TRANSACTIONS.md is this function's output; test/unit/catalogue/markdown.test.ts keeps it in step.

const cell = (s: string | number | undefined) =>
  String(s ?? '')
    .replaceAll('|', '\\|')
    .replaceAll('\n', '<br>');

function table(head: string[], rows: (string | number | undefined)[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function values(f: FieldDef): string {
  if (f.fixed !== undefined) return `\`${f.fixed}\``;
  if (f.enum) return f.enum.map((e) => `\`${e.value}\` ${e.label.zh} / ${e.label.en}`).join('\n');
  return f.kind === 'text' ? '' : f.kind;
}

function required(f: FieldDef): string {
  if (f.required === 'conditional') return 'conditional';
  if (!f.required) return '';
  return f.signature ? '✔ (signer)' : f.header ? '✔ (auto)' : '✔';
}

function fields(defs: readonly FieldDef[]): string {
  return table(
    ['field', 'type', 'bytes', 'required', '中文', 'English', 'values', 'notes'],
    defs.map((f) => [
      `\`${f.name}\``,
      f.specType,
      f.maxBytes,
      required(f),
      f.label.zh,
      f.label.en,
      values(f),
      [
        f.note && `${f.note.zh} / ${f.note.en}`,
        f.description && f.description !== f.label.zh && `规范：${f.description}`,
      ]
        .filter(Boolean)
        .join('\n'),
    ]),
  );
}

function status(st: StatusTable): string {
  return table(
    [`\`${st.field}\``, '中文', 'English', 'outcome'],
    st.values.map((v) => [`\`${v.value}\``, v.label.zh, v.label.en, v.kind]),
  );
}

function section(txn: TxnDef): string {
  const parts = [
    `## ${txn.name}: ${txn.label.zh} / ${txn.label.en} (spec ${txn.spec})`,
    `- path: \`${txn.path}\`\n- trtype: \`${txn.trtype}\`\n- subcode: \`${txn.subcode}\`` +
      (txn.answerSubcode ? `\n- answer subcode: \`${txn.answerSubcode}\`` : '') +
      (txn.answerTrtype ? `\n- answer trtype: \`${txn.answerTrtype}\`` : '') +
      (txn.notifySubcode ? `\n- notification subcode: \`${txn.notifySubcode}\`` : ''),
  ];
  if (txn.notes?.length) parts.push(txn.notes.map((n) => `- ${n.zh}\n  ${n.en}`).join('\n'));
  parts.push('### Request', fields(txn.request), '### Answer', fields(txn.answer));
  if (txn.status) parts.push('### Answer status', status(txn.status));
  if (txn.notify) parts.push('### Notification', fields(txn.notify));
  if (txn.notifyStatus) parts.push('### Notification status', status(txn.notifyStatus));
  return parts.join('\n\n');
}

/** The whole catalogue as Markdown (docs/TRANSACTIONS.md). */
export function catalogueMarkdown(): string {
  const list = TXN_NAMES.map((n) => CATALOGUE[n]);
  return `${[
    '# Transactions',
    '<!-- Generated from src/catalogue by src/catalogue/markdown.ts; do not edit. Regenerate: UPDATE_DOCS=1 npx vitest run test/unit/catalogue/markdown.test.ts -->',
    'The eight transactions of the specification (2.6), as `imp` sends them. Lengths are bytes, a Chinese character counting 2 (spec 2.5.2). trtype, subcode and path can be overridden per profile (`overrides`). `imp fields <txn> [--answer]` prints the same tables in the terminal.',
    table(
      ['txn', '中文', 'English', 'path', 'trtype', 'subcode', 'spec'],
      list.map((t) => [
        `\`${t.name}\``,
        t.label.zh,
        t.label.en,
        `\`${t.path}\``,
        t.trtype,
        t.subcode,
        t.spec,
      ]),
    ),
    ...list.map(section),
  ].join('\n\n')}\n`;
}
