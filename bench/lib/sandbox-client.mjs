// A signed client for benchmark setup: builds a request from the catalogue, signs it with
// the sandbox's merchant key and POSTs it. Shared by bench/sandbox.mjs and bench/interactive.mjs
// (the timed load of bench/sandbox.mjs is bench/sandbox-load.mjs, a pre-signed replay).
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = (p) => import(path.join(fileURLToPath(new URL('../..', import.meta.url)), 'dist', p));
const { CATALOGUE } = await dist('catalogue/index.js');
const { buildRequest } = await dist('protocol/build-request.js');
const { encodeForm, parseAnswer } = await dist('protocol/codec.js');
const { signRequest } = await dist('protocol/signer.js');

/** `(txn, fields) → {body, answer}` against a running in-process sandbox `sb` whose data dir is `dataDir`. */
export function sandboxSender(sb, dataDir) {
  const merchantKey = createPrivateKey(readFileSync(path.join(dataDir, sb.descriptor.merchantKey)));
  return async (txn, fields) => {
    const signed = signRequest(
      buildRequest(CATALOGUE[txn], { busino: sb.identity.busino }, fields),
      sb.identity.apikey,
      merchantKey,
    );
    const body = encodeForm(signed.fields);
    const res = await fetch(sb.baseUrl + CATALOGUE[txn].path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    return { body, answer: parseAnswer(await res.text()) };
  };
}
