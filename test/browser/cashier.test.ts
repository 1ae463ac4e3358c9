import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/catalogue/index.js';
import { buildRequest } from '../../src/protocol/build-request.js';
import { parseNotification } from '../../src/protocol/codec.js';
import { generateOrderNo } from '../../src/protocol/ids.js';
import { signRequest, verifyResponse } from '../../src/protocol/signer.js';
import { findBrowser } from '../helpers/browser.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

// CHROMIUM_PATH or a Chromium on PATH; none: skipped with one line (a failure under IMP_REQUIRE_BROWSER=1).
const CHROMIUM = findBrowser();
// Without the background-networking flags this closed network refuses Chromium's connections.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

let t: TestSandbox;
let merchant: Server;
let merchantUrl: string;
let formHtml = '';
const returned: { body: string; type: string }[] = [];

beforeAll(async () => {
  if (!CHROMIUM) return;
  t = await startTestSandbox();
  // The merchant's site: a page that form-posts the signed order, and the return_url.
  merchant = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/checkout') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end(formHtml);
      }
      if (req.url === '/return' && req.method === 'POST') {
        returned.push({ body, type: req.headers['content-type'] ?? '' });
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end('<p id="done">thanks</p>');
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => merchant.listen(0, '127.0.0.1', r));
  merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await t?.close();
  if (merchant) await new Promise((r) => merchant.close(r));
});

describe.skipIf(!CHROMIUM)('cashier page (front-redirect flow, spec 2.3.2)', () => {
  it('a browser form-post gets the cashier; Pay returns to return_url with signed fields that verify', async () => {
    const sb = t.sandbox;
    const orderno = generateOrderNo();
    const fields = buildRequest(
      CATALOGUE.pay,
      { busino: sb.identity.busino },
      {
        orderno,
        amt_trans: '1888',
        ordertitle: '浏览器支付',
        orderdesc: 'cashier test',
        return_url: `${merchantUrl}/return`,
        notify_url: `${merchantUrl}/notify`,
        channel_type: '07',
        confflag: '9',
      },
    );
    const key = createPrivateKey(readFileSync(path.join(t.dataDir, sb.descriptor.merchantKey)));
    const signed = signRequest(fields, sb.identity.apikey, key).fields;
    const inputs = Object.entries(signed)
      .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
      .join('');
    formHtml = `<!doctype html><meta charset="utf-8"><form id="f" method="post" action="${sb.baseUrl}${CATALOGUE.pay.path}">${inputs}<button id="go">pay</button></form>`;

    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(path.join(tmpdir(), 'imp-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM ?? undefined,
      headless: true,
      args: ARGS,
    });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(`${merchantUrl}/checkout`);
      await page.click('#go');
      await page.waitForSelector('#pay');
      expect(await page.textContent('#orderno')).toBe(orderno);
      expect(await page.textContent('#amount')).toContain('18.88');
      expect(sb.order(orderno)?.status).toBe('1');
      await page.click('#pay');
      await page.waitForSelector('#done');
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
    expect(sb.order(orderno)?.status).toBe('0');
    expect(returned).toHaveLength(1);
    const back = parseNotification(returned[0]?.body ?? '', returned[0]?.type);
    expect([back.orderno, back.status, back.respcode, back.amt_trans]).toEqual([
      orderno,
      '0',
      '00000',
      '1888',
    ]);
    const platform = createPublicKey(readFileSync(path.join(t.dataDir, sb.descriptor.platformKey)));
    const v = verifyResponse(back, sb.identity.apikey, [
      { key: platform, certid: sb.identity.certid, source: 'platform' },
    ]);
    expect(v.valid).toBe(true);
  });
});
