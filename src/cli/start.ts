import path from 'node:path';
import { runBundle } from './code-cache.js';
import { routeOf } from './route.js';

/**
 * What bin/imp.js does: a line whose command is certain runs from that command's own bundle
 * through V8's code cache (route.ts, code-cache.ts); any other line, or any line when there is
 * no cache, from the whole CLI. The build bundles this file as CommonJS (dist/cli/start.cjs) and
 * bin/imp.js is CommonJS too (bin/package.json): a routed line then never starts Node's ES
 * module loader, about 5 ms of a start.
 */
export function start(argv: readonly string[], dist: string): void {
  const name = routeOf(argv);
  const bundle = name === undefined ? undefined : path.join(dist, `cli-${name}`, 'entry.cjs');
  if (bundle === undefined || runBundle(bundle) === undefined) {
    // @ts-expect-error: dist/cli/entry.js is the build's bundle of main.ts (scripts/build.mjs), beside this file
    void import('./entry.js');
  }
}
