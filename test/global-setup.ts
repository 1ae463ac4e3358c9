import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** End-to-end tests spawn the built CLI: build once if `npm test` has not already. */
export default function setup(): void {
  if (!existsSync(new URL('../dist/cli/main.js', import.meta.url))) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  }
}
