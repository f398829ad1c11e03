/**
 * The relay's log: JSON lines on stdout. A request line holds the method, the route pattern (never
 * the path as sent), the status and the duration, and nothing else: no time stamp, no address, no
 * user agent, no header, no body, so it cannot be joined with an employer's or a proxy's logs to
 * find out who sent a request. Whatever collects the output (journald, Docker) adds its own time
 * stamp when a line is written, so request lines are held back and written together once a minute:
 * the collector's time then tells only the minute, like the stored receivedAt.
 * Other lines (start, stop, retention, failures) carry a level and an event name.
 */
import type { MiddlewareHandler } from 'hono';

export interface RequestLine {
  readonly method: string;
  /** The route pattern, e.g. /v1/mailboxes/:id/requests; /* when no route matched. */
  readonly route: string;
  readonly status: number;
  /** Milliseconds, to a tenth. */
  readonly ms: number;
}

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null>;

export interface RelayLog {
  request(line: RequestLine): void;
  event(level: LogLevel, event: string, fields?: LogFields): void;
  /** Writes the request lines held back (at a stop). */
  flush(): void;
}

export interface JsonLogOptions {
  /** How long request lines are held back; default a minute. */
  readonly requestFlushMs?: number;
  /**
   * Written earlier once this many characters are held: under a heavy load the lines of a few
   * hundred requests tell nobody's time, and memory stays bounded.
   */
  readonly maxHeldChars?: number;
}

/**
 * One JSON object per line on the given stream (stdout by default). Request lines are held back
 * and written together once a minute (see above); event lines are written at once, on their own.
 */
export function jsonLog(
  stream: { write(chunk: string): unknown } = process.stdout,
  { requestFlushMs = 60_000, maxHeldChars = 64 * 1024 }: JsonLogOptions = {},
): RelayLog {
  let held = '';
  const flush = () => {
    if (held === '') return;
    const chunk = held;
    held = '';
    stream.write(chunk);
  };
  // unref: held lines never keep the process alive; a stop writes them with flush().
  setInterval(flush, requestFlushMs).unref();
  return {
    request(line) {
      held += `${JSON.stringify(line)}\n`;
      if (held.length >= maxHeldChars) flush();
    },
    event(level, event, fields = {}) {
      stream.write(`${JSON.stringify({ level, event, ...fields })}\n`);
    },
    flush,
  };
}

/** Keeps every line in memory, at once: for tests, and for programs that embed the relay. */
export function memoryLog(): RelayLog & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    request: (line) => void lines.push(JSON.stringify(line)),
    event: (level, event, fields = {}) => void lines.push(JSON.stringify({ level, event, ...fields })),
    flush: () => {},
  };
}

// A method outside this list is logged as OTHER: the log never holds a string a client chose.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

/** The request log middleware; outermost, so it sees the final status of every response. */
export function requestLogger(log: RelayLog): MiddlewareHandler {
  return async function requestLog(c, next) {
    const start = performance.now();
    await next();
    log.request({
      method: METHODS.has(c.req.method) ? c.req.method : 'OTHER',
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
    });
  };
}
