/** The ssh2 module's type. */
export type Ssh2 = typeof import('ssh2');

/** ssh2 is CommonJS and heavy: loaded on first use; its named exports are only reliable through `default`. */
export async function loadSsh2(): Promise<Ssh2> {
  const mod = (await import('ssh2')) as Ssh2 & { default?: Ssh2 };
  return mod.default ?? mod;
}
