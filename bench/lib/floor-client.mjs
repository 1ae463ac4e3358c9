// The least a batch of queries can cost with got (bench/batch-latency.mjs, part `floor`): read the
// CSV's order numbers, build each query from the catalogue, sign it (thread pool, as imp does),
// POST it with one got instance (keep-alive agents), parse and verify the answer, `concurrency`
// lanes. No journal, pacing, retries, checks or result rows: what is left of imp's batch is got,
// Node's HTTP and the RSA work. Usage: node floor-client.mjs <config.json> <rows.csv> <concurrency>
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import got from 'got';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = (p) => import(path.join(root, 'dist', p));
const { getTxn } = await dist('catalogue/index.js');
const { buildRequest } = await dist('protocol/build-request.js');
const { encodeForm, parseAnswer } = await dist('protocol/codec.js');
const { signRequestAsync, verifyResponse } = await dist('protocol/signer.js');
const { loadPrivateKey, loadPlatformKeys } = await dist('keys/load.js');

const [configPath, csv, concurrency] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const profile = config.profiles[config.defaultProfile];
const at = (p) => path.resolve(path.dirname(configPath), p);
const apikey = readFileSync(at(profile.apikey.replace(/^file:/, '')), 'utf8').trim();
const merchantKey = await loadPrivateKey({ path: at(profile.merchantKey) });
const platformKeys = await loadPlatformKeys(profile.platformKeys.map((k) => ({ ...k, path: at(k.path) })));
const txn = getTxn('query');
const url = `${profile.baseUrl.replace(/\/?$/, '/')}${txn.path.replace(/^\/+/, '')}`;
const client = got.extend({
  agent: { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) },
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  retry: { limit: 0 },
  throwHttpErrors: false,
});

const orders = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
let next = 0;
let verified = 0;
const lane = async () => {
  while (next < orders.length) {
    const orderno = orders[next++];
    const request = buildRequest(txn, { busino: profile.busino }, { orderno });
    const signed = await signRequestAsync(request, apikey, merchantKey);
    const res = await client.post(url, { body: encodeForm(signed.fields), responseType: 'buffer' });
    const answer = parseAnswer(res.body, res.headers['content-type']);
    if (verifyResponse(answer, apikey, platformKeys).valid) verified++;
  }
};
await Promise.all(Array.from({ length: Number(concurrency) }, lane));
process.stdout.write(`${JSON.stringify({ rows: orders.length, verified })}\n`);
