import { UsageError } from '../../core/errors.js';
import { LISTEN_DEFAULTS, type ListenLimits } from '../../notify/limits.js';

function positive(flag: string, text: string | undefined, integer: boolean): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(String(text)) || !(n > 0) || (integer && !Number.isInteger(n)))
    throw new UsageError(`--${flag}: '${text}' is not a positive ${integer ? 'whole ' : ''}number`);
  return n;
}

/** The listener's bounds from `imp notify listen`'s flags; an absent flag keeps its default. */
export function listenLimits(opts: Record<string, string | undefined>): ListenLimits {
  const seconds = (flag: string, v: string | undefined) => {
    const s = positive(flag, v, false);
    return s === undefined ? undefined : Math.round(s * 1000);
  };
  const mib = positive('save-max-mb', opts.saveMaxMb, false);
  const d = LISTEN_DEFAULTS;
  return {
    maxConnections: positive('max-connections', opts.maxConnections, true) ?? d.maxConnections,
    headerTimeoutMs: seconds('header-timeout', opts.headerTimeout) ?? d.headerTimeoutMs,
    bodyTimeoutMs: seconds('body-timeout', opts.bodyTimeout) ?? d.bodyTimeoutMs,
    repeatMemory: positive('repeat-memory', opts.repeatMemory, true) ?? d.repeatMemory,
    saveBytesPerDay: mib === undefined ? d.saveBytesPerDay : Math.floor(mib * 1024 * 1024),
  };
}
