import http from 'node:http';
import https from 'node:https';
import { Options } from 'got';
import { describe, expect, it } from 'vitest';
import { installFastNativeOptions, sameNativeOptions } from '../../src/http/got-native-options.js';

// got's own method, kept before any install (installing replaces it on the prototype)
const gotsOwn = Options.prototype.createNativeRequestOptions;
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/** Option sets imp uses (and a few it might): the fast builder must give exactly what got gives. */
const CASES: [string, string, ConstructorParameters<typeof Options>[1]][] = [
  ['plain http POST', 'http://127.0.0.1:8080/pos/x', { method: 'POST', body: 'a=1' }],
  [
    'imp settings over https with a private CA',
    'https://127.0.0.1:8443/pos/x',
    {
      method: 'POST',
      body: 'a=1',
      agent: agents,
      headers: { 'user-agent': 'imp/test', 'content-type': 'application/x-www-form-urlencoded' },
      https: { rejectUnauthorized: true, certificateAuthority: ['-----BEGIN CERTIFICATE-----'] },
      timeout: { connect: 100, response: 200 },
      decompress: false,
      retry: { limit: 0 },
    },
  ],
  [
    'cache, dns and tls knobs',
    'https://example.test/x',
    {
      dnsLookup: () => undefined,
      dnsLookupIpVersion: 4,
      localAddress: '127.0.0.1',
      maxHeaderSize: 8192,
      cacheOptions: { shared: false },
      https: {
        minVersion: 'TLSv1.2',
        ciphers: 'HIGH',
        serverName: 'bank.test',
        checkServerIdentity: () => undefined,
      },
    },
  ],
];

describe('got native request options, built key by key', () => {
  installFastNativeOptions(Options);

  it.each(CASES)('%s: the same keys and values as got 14 builds', (_name, url, init) => {
    const options = new Options(url, init);
    const theirs = gotsOwn.call(options);
    // the first call proves the fast builder (and keeps got's own result for that request)
    options.createNativeRequestOptions();
    const fast = Options.prototype.createNativeRequestOptions;
    expect(fast).not.toBe(gotsOwn);
    const ours = fast.call(options);
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    expect(sameNativeOptions(ours, theirs)).toBe(true);
  });

  it('HTTP/2 goes to got’s own method (got rewrites the agent there)', () => {
    const options = new Options('https://127.0.0.1:8443/x', { http2: true });
    const ours = Options.prototype.createNativeRequestOptions.call(options) as { agent: { http2: unknown } };
    const theirs = gotsOwn.call(options) as { agent: { http2: unknown } };
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    expect(ours.agent.http2).toBeDefined();
    expect(ours.agent.http2).toBe(theirs.agent.http2);
  });

  it('puts got’s own method back when a got release builds something else', () => {
    // a stand-in for a later got whose method adds a key: the first request shows the difference
    class LaterOptions {
      _internals = new Options('http://127.0.0.1:1/x')['_internals' as never];
      _unixOptions = undefined;
      createNativeRequestOptions(): Record<string, unknown> {
        return { ...gotsOwn.call(this as never), newKey: 1 };
      }
    }
    const own = LaterOptions.prototype.createNativeRequestOptions;
    installFastNativeOptions(LaterOptions as unknown as typeof Options);
    const first = new LaterOptions().createNativeRequestOptions();
    expect(first.newKey).toBe(1);
    expect(LaterOptions.prototype.createNativeRequestOptions).toBe(own);
  });

  it('compares by key set and identity', () => {
    const f = () => 1;
    expect(sameNativeOptions({ a: f, b: undefined }, { b: undefined, a: f })).toBe(true);
    expect(sameNativeOptions({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameNativeOptions({ a: {} }, { a: {} })).toBe(false);
    expect(sameNativeOptions({ a: Number.NaN }, { a: Number.NaN })).toBe(true);
  });
});
