import { formatYuan } from '../core/money.js';
import type { Fields } from '../protocol/signer.js';
import type { OrderRecord } from './state.js';

// The cashier page of the front-redirect flow (spec 2.3.2). A request is a browser
// form-post when it sends `Accept: text/html` (browsers do on navigation; API clients
// such as got and fetch do not): the answer is then this page instead of k=v text.

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(title)}</title>
<style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem}button{font-size:1.1rem;padding:.5rem 1.5rem;margin-right:1rem}</style>
</head><body>${body}</body></html>`;
}

/** Does this request come from a browser navigation? */
export function wantsHtml(accept: string | undefined): boolean {
  return /text\/html/i.test(accept ?? '');
}

/** The cashier: the order and two buttons, posting back to the sandbox. */
export function cashierPage(o: OrderRecord, base: string): string {
  const action = `${base}_cashier/${encodeURIComponent(o.transno)}`;
  const state =
    o.status === '0'
      ? '已支付 paid'
      : o.status === '4'
        ? '失败 failed'
        : o.closed
          ? '已关闭 closed'
          : '待支付 awaiting payment';
  const buttons =
    o.status === '1' && !o.closed
      ? `<form method="post" action="${esc(action)}/pay"><button id="pay" type="submit">支付 Pay</button></form>
<form method="post" action="${esc(action)}/cancel"><button id="cancel" type="submit">取消 Cancel</button></form>`
      : '';
  return page(
    'IMP sandbox cashier',
    `<h1>IMP 收银台 (sandbox)</h1>
<dl><dt>商户订单号 orderno</dt><dd id="orderno">${esc(o.orderno)}</dd>
<dt>订单主题 title</dt><dd>${esc(o.ordertitle ?? '')}</dd>
<dt>金额 amount</dt><dd id="amount">${formatYuan(o.amount)} 元</dd>
<dt>状态 status</dt><dd id="status">${state}</dd></dl>${buttons}`,
  );
}

/** Send the browser back to return_url with the signed answer fields (auto-submitting form). */
export function returnPage(returnUrl: string, fields: Fields): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('\n');
  return page(
    'IMP sandbox: back to the merchant',
    `<p>正在返回商户… Returning to the merchant…</p>
<form id="back" method="post" action="${esc(returnUrl)}">${inputs}
<noscript><button type="submit">继续 Continue</button></noscript></form>
<script>document.getElementById('back').submit()</script>`,
  );
}

/** A plain message page (errors, the QR page after paying). */
export function messagePage(title: string, text: string): string {
  return page(title, `<h1>${esc(title)}</h1><p id="message">${esc(text)}</p>`);
}

/**
 * The stand-in merchant return page (`return_url` of the sandbox profile): shows the
 * fields the cashier sent back and whether their signature verifies, as the
 * merchant's own page would check them.
 */
export function merchantReturnPage(fields: Fields, verified: boolean): string {
  const rows = Object.entries(fields)
    .filter(([k]) => k !== 'sign')
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd id="f-${esc(k)}">${esc(v)}</dd>`)
    .join('\n');
  return page(
    'IMP sandbox: merchant return page',
    `<h1>商户返回页 merchant return page (sandbox)</h1>
<p id="verified">${verified ? '✔ 签名验证通过 signature verified' : '✖ 签名验证失败 signature does not verify'}</p>
<dl>${rows}</dl>`,
  );
}
