import { checkServerIdentity } from 'node:tls';

type GotOptions = import('got').Options;
type NativeOptions = ReturnType<GotOptions['createNativeRequestOptions']>;
type Builder = (this: GotOptions) => NativeOptions;

/** What the fast builder reads of got's Options (its internals are not part of got's types). */
interface Internals {
  url?: URL;
  http2?: boolean;
  agent: { http?: unknown; https?: unknown };
  https: Record<string, unknown>;
  cacheOptions?: object;
  dnsLookup?: unknown;
  dnsCache?: { lookup?: unknown } | boolean;
  dnsLookupIpVersion?: unknown;
  setHost?: unknown;
  method?: unknown;
  maxHeaderSize?: unknown;
  localAddress?: unknown;
  headers?: unknown;
  createConnection?: unknown;
  h2session?: unknown;
}
/** got's private fields, read as got's own method reads them. */
interface WithInternals {
  _internals: Internals;
  _unixOptions?: object;
}

/**
 * got 14's `Options#createNativeRequestOptions`, built key by key. got builds the object as one
 * literal that spreads `cacheOptions` and then names some thirty keys; V8 11 (Node 20) takes a
 * slow path for named keys after a non-empty spread, about 40 µs a request, which is a fifth of
 * what got costs per request and most of what a batch of queries spends outside RSA. The same
 * keys and values; HTTP/2 and PFX lists (which got rewrites) still go to got's own method.
 */
function fastBuilder(original: Builder): Builder {
  return function createNativeRequestOptions(this: GotOptions): NativeOptions {
    const self = this as unknown as WithInternals;
    const internals = self._internals;
    const https = internals.https;
    if (internals.http2 || Array.isArray(https.pfx)) return original.call(this);
    const out: Record<string, unknown> = Object.assign(
      {},
      internals.cacheOptions,
      self._unixOptions,
    ) as Record<string, unknown>;
    out.ALPNProtocols = https.alpnProtocols;
    out.ca = https.certificateAuthority;
    out.cert = https.certificate;
    out.key = https.key;
    out.passphrase = https.passphrase;
    out.pfx = https.pfx;
    out.rejectUnauthorized = https.rejectUnauthorized;
    out.checkServerIdentity = https.checkServerIdentity ?? checkServerIdentity;
    out.servername = https.serverName;
    out.ciphers = https.ciphers;
    out.honorCipherOrder = https.honorCipherOrder;
    out.minVersion = https.minVersion;
    out.maxVersion = https.maxVersion;
    out.sigalgs = https.signatureAlgorithms;
    out.sessionTimeout = https.tlsSessionLifetime;
    out.dhparam = https.dhparam;
    out.ecdhCurve = https.ecdhCurve;
    out.crl = https.certificateRevocationLists;
    out.secureOptions = https.secureOptions;
    out.lookup =
      internals.dnsLookup ?? (typeof internals.dnsCache === 'object' ? internals.dnsCache.lookup : undefined);
    out.family = internals.dnsLookupIpVersion;
    out.agent = internals.url?.protocol === 'https:' ? internals.agent.https : internals.agent.http;
    out.setHost = internals.setHost;
    out.method = internals.method;
    out.maxHeaderSize = internals.maxHeaderSize;
    out.localAddress = internals.localAddress;
    out.headers = internals.headers;
    out.createConnection = internals.createConnection;
    out.timeout = undefined;
    out.h2session = internals.h2session;
    return out as NativeOptions;
  };
}

/** Same keys, each value identical (`===`, or both NaN). */
export function sameNativeOptions(a: object, b: object): boolean {
  const ka = Object.keys(a);
  const kb = new Set(Object.keys(b));
  if (ka.length !== kb.size) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => kb.has(k) && Object.is(ra[k], rb[k]));
}

const installed = new WeakSet<object>();

/**
 * Put the fast builder on got's Options. It proves itself on the first request of the process:
 * it builds that request's options both ways, and if got's own method gives anything else (a
 * got release that adds or renames a key), got's own method is put back for good.
 */
export function installFastNativeOptions(Options: typeof import('got').Options): void {
  const proto = Options.prototype;
  if (installed.has(proto)) return;
  installed.add(proto);
  const original = proto.createNativeRequestOptions as Builder;
  const fast = fastBuilder(original);
  proto.createNativeRequestOptions = function firstRequest(this: GotOptions): NativeOptions {
    const theirs = original.call(this);
    proto.createNativeRequestOptions = sameNativeOptions(fast.call(this), theirs) ? fast : original;
    return theirs;
  };
}
