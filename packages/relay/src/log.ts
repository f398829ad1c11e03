/**
 * The relay's log: JSON lines on stdout. A request line holds the method, the route pattern (never
 * the path as sent), the status and the duration, and nothing else: no time stamp, no address, no
 * user agent, no header, no body, so it cannot be joined with an employer's or a proxy's logs to
 * find out who sent a request. Whatever collects the output (journald, Docker) adds its own time.
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
}

/**
 * One JSON object per line on the given stream (stdout by default). Request lines are gathered and
 * written once per turn of the event loop (one write for a burst instead of one each); event lines
 * are written at once, after any gathered request lines.
 */
export function jsonLog(stream: { write(chunk: string): unknown } = process.stdout): RelayLog {
  let pending = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending === '') return;
    const chunk = pending;
    pending = '';
    stream.write(chunk);
  };
  return {
    request(line) {
      pending += `${JSON.stringify(line)}\n`;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    event(level, event, fields = {}) {
      pending += `${JSON.stringify({ level, event, ...fields })}\n`;
      flush();
    },
  };
}

/** Keeps every line in memory, at once: for tests, and for programs that embed the relay. */
export function memoryLog(): RelayLog & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    request: (line) => void lines.push(JSON.stringify(line)),
    event: (level, event, fields = {}) => void lines.push(JSON.stringify({ level, event, ...fields })),
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
