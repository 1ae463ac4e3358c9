/**
 * The listener's resource bounds. Each has a flag of `imp notify listen` and a default sized
 * for a merchant's real traffic (a few notifications a second) with room for bursts; the README's
 * "Notification listener" section lists them.
 */
export interface ListenLimits {
  /** Open connections at most; past it the oldest one still sending its request is dropped. */
  maxConnections: number;
  /** Time from connecting to the end of the request headers. */
  headerTimeoutMs: number;
  /** Time from the end of the headers to the end of the body. */
  bodyTimeoutMs: number;
  /** Verified notifications remembered for `[repeat]` (least recently seen forgotten first). */
  repeatMemory: number;
  /** Bytes `--save` may write per day (bank's date, CST), bodies and their .meta.json together. */
  saveBytesPerDay: number;
}

export const LISTEN_DEFAULTS: ListenLimits = {
  maxConnections: 256,
  headerTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  repeatMemory: 100_000,
  saveBytesPerDay: 100 * 1024 * 1024,
};

/** Notifications are small; anything bigger is refused with 413. */
export const MAX_NOTIFY_BYTES = 64 * 1024;
