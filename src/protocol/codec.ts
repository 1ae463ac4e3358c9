import { UsageError } from '../core/errors.js';
import type { Fields } from './signer.js';

/** application/x-www-form-urlencoded, UTF-8, in the given field order. */
export function encodeForm(fields: Fields): string {
  // The WHATWG form serializer is what browsers and Java's URLEncoder produce: the vectors' `body`.
  return new URLSearchParams(Object.entries(fields)).toString();
}

/** Raw `k=v&k=v` without URL-encoding, the way the platform writes its answers. */
export function encodeRaw(fields: Fields): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** TextDecoder labels of the charsets a message may declare; GBK and GB2312 are read as their superset GB18030. */
const CHARSETS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'ascii',
  ascii: 'ascii',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  'x-gbk': 'gb18030',
};

/** The charset a content type declares (UTF-8 when it declares none). */
export function declaredCharset(contentType?: string): string {
  const m = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return m ? m[1]!.toLowerCase() : 'utf-8';
}

/**
 * The text of a body in its declared charset (UTF-8 unless the content type says otherwise).
 * Bytes that are not valid in that charset are refused rather than replaced by U+FFFD: a lossy
 * reading would verify or show something other than what was sent.
 */
export function decodeBody(body: Buffer, contentType?: string): string {
  const declared = declaredCharset(contentType);
  const label = CHARSETS[declared];
  if (!label) throw refused(`charset ${JSON.stringify(declared)} is not supported (UTF-8 or GBK)`);
  if (label === 'ascii') {
    if (body.some((b) => b > 0x7f)) throw refused('the body is not valid US-ASCII, its declared charset');
    return body.toString('latin1');
  }
  try {
    return new TextDecoder(label, { fatal: true }).decode(body);
  } catch {
    throw refused(`the body is not valid ${label === 'utf-8' ? 'UTF-8' : 'GBK'}, its declared charset`);
  }
}

/** Drop a UTF-8 BOM and surrounding whitespace/newlines, which some gateways add. */
export function cleanBody(body: string | Buffer, contentType?: string): string {
  const text = typeof body === 'string' ? body : decodeBody(body, contentType);
  return text.replace(/^\uFEFF/, '').trim();
}

/** The start of an unreadable part, quoted with its newlines escaped: error messages stay one line. */
function preview(part: string): string {
  return JSON.stringify(part.slice(0, 40));
}

function malformed(why: string): UsageError {
  return new UsageError(`unreadable message: ${why}`, { code: 'MALFORMED_MESSAGE' });
}

/** A message that could be read more than one way (a key twice, a key that is not ASCII, bad bytes). */
export const AMBIGUOUS_MESSAGE = 'AMBIGUOUS_MESSAGE';

function refused(why: string): UsageError {
  return new UsageError(`unreadable message: ${why}`, { code: AMBIGUOUS_MESSAGE });
}

/** A key as a diagnosis shows it: anything outside printable ASCII as `\uXXXX`. */
const showKey = (key: string) =>
  `\`${key.slice(0, 40).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\``;

/**
 * Add one pair, refusing what a receiver could read differently from the signer: an empty key,
 * a key outside printable ASCII, or a key seen before (one reader keeps the first value, Java's
 * getParameter; another the last, so a prefix `orderno=X&` would verify and mislead).
 */
function addPair(fields: Fields, key: string, value: string): void {
  if (key === '') throw refused(`an empty key (before ${preview(`=${value}`)})`);
  if (!/^[\x21-\x7e]+$/.test(key)) throw refused(`key ${showKey(key)} is not printable ASCII`);
  if (Object.hasOwn(fields, key)) throw refused(`key ${showKey(key)} appears more than once`);
  fields[key] = value;
}

/** Split on `&` outside `{…}`/`[…]` groups (JSON-ish values such as coupon lists stay whole). */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && depth > 0) depth--;
    else if (c === '&' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Parse raw `k=v&…` text: no URL-decoding, key = text before the first `=`, empty values kept. */
export function parseRaw(text: string): Fields {
  const fields: Fields = {};
  let last: string | undefined;
  for (const part of splitTopLevel(text)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      // A bare `&` inside a value (a URL with a query string): glue it back to keep the value as signed.
      if (last === undefined) throw malformed(`${preview(part)} is not a key=value pair`);
      fields[last] = `${fields[last]}&${part}`;
      continue;
    }
    last = part.slice(0, eq);
    addPair(fields, last, part.slice(eq + 1));
  }
  if (last === undefined) throw malformed('no key=value pairs');
  return fields;
}

/**
 * The top-level keys of a valid JSON object's text, repeats included (JSON.parse keeps only
 * the last of a repeated key, where another reader may keep the first). One linear scan.
 */
function jsonTopKeys(text: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let keyNext = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (depth === 1 && keyNext) keys.push(JSON.parse(text.slice(i, j + 1)) as string);
      keyNext = false;
      i = j;
    } else if (c === '{' || c === '[') {
      depth++;
      keyNext = depth === 1 && c === '{';
    } else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 1) keyNext = true;
  }
  return keys;
}

function flattenJson(obj: unknown, keys: readonly string[]): Fields {
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw malformed('JSON body is not an object');
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) throw refused(`key ${showKey(k)} appears more than once`);
    seen.add(k);
  }
  const fields: Fields = {};
  for (const [k, v] of Object.entries(obj)) {
    addPair(
      fields,
      k,
      v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v),
    );
  }
  return fields;
}

/** Parse a synchronous answer: raw `k=v&…` (no URL-decoding, `{…}`/`[…]` kept whole), `{…}` wrapper, or JSON. */
export function parseAnswer(body: string | Buffer, contentType?: string): Fields {
  const text = cleanBody(body, contentType);
  if (text === '') throw malformed('empty body');
  if (text.startsWith('{') && text.endsWith('}')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: a `{k=v&…}` wrapper around a raw answer
      return parseRaw(text.slice(1, -1).trim());
    }
    return flattenJson(json, jsonTopKeys(text));
  }
  return parseRaw(text);
}

/** Characters a form encoder can leave in its output; anything else means the body is raw. */
const FORM_CHARSET = /^[A-Za-z0-9*\-._~!'()%+=&]*$/;

/** Does this body look URL-encoded? By content type when the body allows it, else by `%XX` escapes. */
export function looksFormEncoded(text: string, contentType?: string): boolean {
  if (!FORM_CHARSET.test(text)) return false;
  if (contentType && /application\/x-www-form-urlencoded/i.test(contentType)) return true;
  return /%[0-9A-Fa-f]{2}/.test(text);
}

/** Decode an application/x-www-form-urlencoded body (`+` is a space, `%XX` UTF-8). */
export function parseFormBody(text: string): Fields {
  const fields: Fields = {};
  let any = false;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) throw malformed(`${preview(part)} is not a key=value pair`);
    let key: string;
    let value: string;
    try {
      const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
      key = dec(part.slice(0, eq));
      value = dec(part.slice(eq + 1));
    } catch {
      throw malformed(`bad %-escape in ${preview(part)}`);
    }
    addPair(fields, key, value);
    any = true;
  }
  if (!any) throw malformed('no key=value pairs');
  return fields;
}

/** Parse a URL-encoded notification body (or a raw `k=v` one). */
export function parseNotification(body: string | Buffer, contentType?: string): Fields {
  const text = cleanBody(body, contentType);
  if (text === '') throw malformed('empty body');
  if ((contentType && /json/i.test(contentType)) || text.startsWith('{')) return parseAnswer(text);
  return looksFormEncoded(text, contentType) ? parseFormBody(text) : parseRaw(text);
}
