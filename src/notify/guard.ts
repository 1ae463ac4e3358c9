import type http from 'node:http';
import type { Socket } from 'node:net';
import type { ListenLimits } from './limits.js';

/** Where a connection is: still sending its request (may be dropped), or being answered. */
type Phase = 'headers' | 'body' | 'answering';

interface Tracked {
  phase: Phase;
  timer?: NodeJS.Timeout;
}

/** What the guard did, for the listener's summary and the load test. */
export interface GuardStats {
  /** Connections closed because their headers or body missed the deadline. */
  timedOut: number;
  /** Connections dropped to make room under `maxConnections`. */
  evicted: number;
  /** Most connections open at once. */
  peak: number;
}

/**
 * Bounds a server's connections: at most `maxConnections`, each with a header deadline from
 * connecting and a body deadline from the end of the headers. A slow sender (slowloris) is
 * closed at its deadline; when the server is full, the oldest connection still sending is
 * dropped for the new one, so slow senders cannot lock out the platform's quick requests.
 */
export function guardConnections(
  server: http.Server,
  limits: Pick<ListenLimits, 'maxConnections' | 'headerTimeoutMs' | 'bodyTimeoutMs'>,
) {
  // insertion order = age: the first entry still sending is the one to drop
  const live = new Map<Socket, Tracked>();
  const stats: GuardStats = { timedOut: 0, evicted: 0, peak: 0 };

  const arm = (socket: Socket, t: Tracked, ms: number) => {
    clearTimeout(t.timer);
    t.timer = setTimeout(() => {
      stats.timedOut++;
      socket.destroy();
    }, ms);
    t.timer.unref();
  };

  server.on('connection', (socket: Socket) => {
    if (live.size >= limits.maxConnections) {
      let victim: Socket | undefined;
      for (const [s, t] of live) {
        if (t.phase !== 'answering') {
          victim = s;
          break;
        }
      }
      stats.evicted++;
      if (!victim) {
        // every slot is answering a complete request: refuse the newcomer instead
        socket.destroy();
        return;
      }
      victim.destroy();
      const t = live.get(victim);
      clearTimeout(t?.timer);
      live.delete(victim);
    }
    const t: Tracked = { phase: 'headers' };
    live.set(socket, t);
    stats.peak = Math.max(stats.peak, live.size);
    arm(socket, t, limits.headerTimeoutMs);
    socket.once('close', () => {
      clearTimeout(t.timer);
      live.delete(socket);
    });
  });

  server.on('request', (req: http.IncomingMessage) => {
    const t = live.get(req.socket);
    if (!t) return;
    t.phase = 'body';
    arm(req.socket, t, limits.bodyTimeoutMs);
  });

  return {
    stats,
    /** The request's body is in: no deadline while it is verified, forwarded and answered. */
    answering(req: http.IncomingMessage) {
      const t = live.get(req.socket);
      if (!t) return;
      clearTimeout(t.timer);
      t.phase = 'answering';
    },
    get open() {
      return live.size;
    },
  };
}
