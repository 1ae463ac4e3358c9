/**
 * Poll `fn` until `ok` holds for its value (by default: until it is truthy), or give up
 * after `ms` and return the last value for the test to assert on. For sandbox timers
 * and child processes; never a timed assertion.
 */
export async function until<T>(
  fn: () => Promise<T> | T,
  ok: (v: T) => boolean = Boolean,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}
