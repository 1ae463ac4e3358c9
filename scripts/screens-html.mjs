// ANSI text (tmux capture-pane -e) as HTML for scripts/screens.mjs: SGR colours and styles only,
// every wide (CJK) character two cells wide so columns line up as on the terminal.

const PALETTE = [
  '#1e1e1e',
  '#cd3131',
  '#0dbc79',
  '#e5e510',
  '#2472c8',
  '#bc3fbc',
  '#11a8cd',
  '#e5e5e5',
  '#666666',
  '#f14c4c',
  '#23d18b',
  '#f5f543',
  '#3b8eea',
  '#d670d6',
  '#29b8db',
  '#ffffff',
];
const FG = '#d4d4d4';
const BG = '#1e1e1e';

function color256(n) {
  if (n < 16) return PALETTE[n];
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const c = (x) => (x === 0 ? 0 : 55 + x * 40);
  return `rgb(${c(Math.floor(i / 36))},${c(Math.floor(i / 6) % 6)},${c(i % 6)})`;
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

function cells(text) {
  let out = '';
  for (const ch of text) out += WIDE.test(ch) ? `<span class="w">${esc(ch)}</span>` : esc(ch);
  return out;
}

function apply(state, params) {
  const p = params.length ? params : [0];
  for (let i = 0; i < p.length; i++) {
    const n = p[i];
    if (n === 0)
      Object.assign(state, {
        fg: null,
        bg: null,
        bold: false,
        dim: false,
        italic: false,
        underline: false,
        inverse: false,
      });
    else if (n === 1) state.bold = true;
    else if (n === 2) state.dim = true;
    else if (n === 3) state.italic = true;
    else if (n === 4) state.underline = true;
    else if (n === 7) state.inverse = true;
    else if (n === 22) Object.assign(state, { bold: false, dim: false });
    else if (n === 23) state.italic = false;
    else if (n === 24) state.underline = false;
    else if (n === 27) state.inverse = false;
    else if (n >= 30 && n <= 37) state.fg = PALETTE[n - 30];
    else if (n >= 90 && n <= 97) state.fg = PALETTE[n - 90 + 8];
    else if (n === 39) state.fg = null;
    else if (n >= 40 && n <= 47) state.bg = PALETTE[n - 40];
    else if (n >= 100 && n <= 107) state.bg = PALETTE[n - 100 + 8];
    else if (n === 49) state.bg = null;
    else if (n === 38 || n === 48) {
      let value = null;
      if (p[i + 1] === 5) {
        value = color256(p[i + 2] ?? 0);
        i += 2;
      } else if (p[i + 1] === 2) {
        value = `rgb(${p[i + 2] ?? 0},${p[i + 3] ?? 0},${p[i + 4] ?? 0})`;
        i += 4;
      }
      if (n === 38) state.fg = value;
      else state.bg = value;
    }
  }
}

function style(state) {
  let fg = state.fg;
  let bg = state.bg;
  if (state.inverse) [fg, bg] = [bg ?? BG, fg ?? FG];
  const css = [];
  if (fg) css.push(`color:${fg}`);
  if (bg) css.push(`background:${bg}`);
  if (state.bold) css.push('font-weight:bold');
  if (state.dim) css.push('opacity:.6');
  if (state.italic) css.push('font-style:italic');
  if (state.underline) css.push('text-decoration:underline');
  return css.join(';');
}

/** The ANSI text as HTML spans. */
export function ansiToHtml(text) {
  const state = {};
  apply(state, [0]);
  let html = '';
  let last = 0;
  const flush = (chunk) => {
    if (!chunk) return;
    const css = style(state);
    html += css ? `<span style="${css}">${cells(chunk)}</span>` : cells(chunk);
  };
  for (const m of text.matchAll(/\u001b\[([0-9;]*)m|\u001b\[[0-9;?]*[A-Za-z]|\u001b\][^\u0007]*\u0007/g)) {
    flush(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) apply(state, m[1] === '' ? [] : m[1].split(';').map(Number));
  }
  flush(text.slice(last));
  return html;
}

/** A page holding one terminal of `columns` columns. */
export function page(body, columns) {
  return `<!doctype html><meta charset="utf-8"><style>
body { margin: 0; background: #fff; }
#term { display: inline-block; background: ${BG}; color: ${FG}; padding: 14px 16px; border-radius: 6px;
  font: 14px/1.2 'DejaVu Sans Mono', 'Liberation Mono', 'WenQuanYi Micro Hei Mono', monospace; }
pre { margin: 0; font: inherit; width: ${columns}ch; white-space: pre; }
.w { display: inline-block; width: 2ch; text-align: center; }
</style><div id="term"><pre>${body}</pre></div>`;
}
