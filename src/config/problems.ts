import { ConfigError } from '../core/errors.js';

/** One thing wrong with a config file, at its JSON path (`profiles.test.apikey`). */
export interface Problem {
  path: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

/**
 * Every problem at once, as one ConfigError (exit 2). With a single problem the message is
 * that problem; with several the message counts them and the hints list each.
 */
export function problemsError(file: string, problems: readonly Problem[]): ConfigError {
  const lines = problems.map(formatProblem);
  const details = { config: file, problems: problems.map((p) => ({ path: p.path, message: p.message })) };
  if (lines.length === 1) {
    return new ConfigError(lines[0]!, { code: 'CONFIG_INVALID', hints: [`config file: ${file}`], details });
  }
  return new ConfigError(`config ${file}: ${lines.length} problems`, {
    code: 'CONFIG_INVALID',
    hints: lines,
    details,
  });
}

/** Levenshtein distance, for "did you mean" on misspelt keys. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The known key closest to a misspelt one, if it is close enough to be a likely typo. */
export function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = distance(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

/** Keys a config may carry as documentation (`"//"`, `"$comment"`, `"$schema"`); the loader skips them. */
export function isCommentKey(key: string): boolean {
  return key.startsWith('//') || key.startsWith('$');
}
