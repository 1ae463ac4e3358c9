import { CATALOGUE, txnNameOrFail } from '../../catalogue/index.js';
import { PAYMENT_NOTIFY } from '../../catalogue/payment-notify.js';
import { PAYMENT_STATUS } from '../../catalogue/status.js';
import type { FieldDef, StatusTable, TxnDef } from '../../catalogue/types.js';
import { TXN_NAMES } from '../../catalogue/types.js';
import type { CommandResult, CommandRun } from '../../cli/kit/command.js';
import { t } from '../../output/i18n.js';
import type { Output } from '../../output/output.js';
import { renderTable } from '../../output/table.js';

const KIND_HINT: Partial<Record<FieldDef['kind'], ReturnType<typeof t>>> = {
  digits: t('数字', 'digits'),
  fen: t('整数，单位分', 'integer fen (分)'),
  yuan: t('元，两位小数', 'yuan, 2 decimals'),
  date: t('yyyyMMdd', 'yyyyMMdd'),
  time: t('HHmmss', 'HHmmss'),
  datetime: t('yyyyMMddHHmmss', 'yyyyMMddHHmmss'),
  url: t('http(s) 地址', 'http(s) URL'),
  json: t('JSON', 'JSON'),
};

function requiredCell(out: Output, f: FieldDef): string {
  if (f.required === 'conditional') return out.t(t('条件', 'conditional'));
  if (!f.required) return '';
  if (f.signature) return out.t(t('✔ 签名', '✔ signer'));
  return f.header ? out.t(t('✔ 自动', '✔ auto')) : '✔';
}

function allowedCell(out: Output, f: FieldDef, status?: StatusTable): string | string[] {
  if (f.fixed !== undefined) return f.fixed;
  if (status?.field === f.name) return status.values.map((v) => `${v.value} ${out.t(v.label)}`);
  if (f.enum) return f.enum.map((e) => `${e.value} ${out.t(e.label)}`);
  const hint = KIND_HINT[f.kind];
  return hint ? out.t(hint) : '';
}

function fieldsTable(out: Output, defs: readonly FieldDef[], status?: StatusTable): string {
  const head = [
    t('字段', 'field'),
    t('类型', 'type'),
    t('字节', 'bytes'),
    t('必输', 'required'),
    t('含义', 'meaning'),
    t('取值', 'values'),
  ].map((h) => out.t(h));
  const rows = defs.map((f) => [
    f.name,
    f.specType,
    f.maxBytes ?? '',
    requiredCell(out, f),
    f.note ? [out.t(f.label), out.t(f.note)] : out.t(f.label),
    allowedCell(out, f, status),
  ]);
  return renderTable(out, head, rows);
}

function statusTable(out: Output, table: StatusTable): string {
  const kinds = {
    success: t('成功', 'success'),
    failure: t('失败', 'failure'),
    pending: t('未决', 'pending'),
  };
  return renderTable(
    out,
    [table.field, t('含义', 'meaning'), t('结果', 'outcome')].map((h) => out.t(h)),
    table.values.map((v) => [v.value, out.t(v.label), out.t(kinds[v.kind])]),
  );
}

function renderTxn(out: Output, txn: TxnDef, answer: boolean): void {
  const title = (zh: string, en: string) => out.print(`\n${out.t(t(zh, en))}`);
  out.print(`${txn.name}: ${out.t(txn.label)} (${txn.spec})`);
  out.print(`${txn.path}  trtype=${txn.trtype}  subcode=${txn.subcode}`);
  title('请求字段', 'Request fields');
  out.print(fieldsTable(out, txn.request));
  if (answer) {
    title('同步应答字段', 'Answer fields');
    out.print(fieldsTable(out, txn.answer, txn.status));
    if (txn.notify) {
      title('异步通知字段', 'Notification fields');
      out.print(fieldsTable(out, txn.notify, txn.notifyStatus));
    }
    if (txn.status) {
      title('应答状态', 'Answer status');
      out.print(statusTable(out, txn.status));
    }
    if (txn.notifyStatus) {
      title('通知状态', 'Notification status');
      out.print(statusTable(out, txn.notifyStatus));
    }
  }
  if (txn.notes?.length) {
    title('说明', 'Notes');
    for (const n of txn.notes) out.print(`- ${out.t(n)}`);
  }
}

/** The pseudo-transaction name of `imp fields notify`: the payment notification. */
const NOTIFY = 'notify';

/** `imp fields notify`: the asynchronous payment notification the four payment transactions send. */
function notifyResult(): CommandResult {
  const txns = TXN_NAMES.filter((n) => CATALOGUE[n].notify === PAYMENT_NOTIFY);
  const specs = txns.map((n) => `${CATALOGUE[n].spec}.5`);
  const subcodes = txns.map((n) => `${n} ${CATALOGUE[n].notifySubcode ?? CATALOGUE[n].subcode}`);
  return {
    json: { name: NOTIFY, txns, spec: specs, subcodes, fields: PAYMENT_NOTIFY, status: PAYMENT_STATUS },
    render(out) {
      out.print(
        `${NOTIFY}: ${out.t(t('异步通知（支付结果）', 'asynchronous notification (payment result)'))}`,
      );
      out.print(`${out.t(t('由以下交易发送', 'sent by'))} ${txns.join(', ')} (${specs.join(', ')})`);
      out.print(`subcode: ${subcodes.join('; ')}`);
      out.print(`\n${out.t(t('通知字段', 'Notification fields'))}`);
      out.print(fieldsTable(out, PAYMENT_NOTIFY, PAYMENT_STATUS));
      out.print(`\n${out.t(t('通知状态', 'Notification status'))}`);
      out.print(statusTable(out, PAYMENT_STATUS));
    },
  };
}

/** `imp fields [txn|notify] [--answer]`: the catalogue as tables, so operators need not open the spec. */
export const run: CommandRun = async (_ctx, { args, opts }) => {
  const name = args[0];
  if (name === NOTIFY) return notifyResult();
  if (name === undefined) {
    const list = TXN_NAMES.map((n) => CATALOGUE[n]);
    return {
      json: list.map(({ name, label, spec, path, trtype, subcode }) => ({
        name,
        label,
        spec,
        path,
        trtype,
        subcode,
      })),
      render(out) {
        const head = [t('交易', 'txn'), t('名称', 'name'), 'path', 'trtype', 'subcode', t('章节', 'spec')];
        out.print(
          renderTable(
            out,
            head.map((h) => out.t(h)),
            list.map((x) => [x.name, out.t(x.label), x.path, x.trtype, x.subcode, x.spec]),
          ),
        );
        out.print(
          out.t(
            t(
              '支付结果的异步通知：imp fields notify',
              "the payment notification's fields: imp fields notify",
            ),
          ),
        );
      },
    };
  }
  const txn = CATALOGUE[txnNameOrFail(name)];
  return { json: txn, render: (out) => renderTxn(out, txn, !!opts.answer) };
};
