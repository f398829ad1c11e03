/**
 * Per-client limits, in memory only: on submissions, and on failed token attempts. A client is
 * known by a salted SHA-256 of its address; the salt is made at start and never leaves the
 * process, so neither the limiter's memory nor anything derived from it can be joined with an
 * employer's or a proxy's logs. Several relay instances each limit on their own; that is fine for
 * abuse protection and nothing else depends on it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The part of an address that names one client: an IPv4 address, or the /64 network of an IPv6
 * address (one household or machine usually gets a whole /64, and could otherwise rotate through it).
 */
export function clientNetwork(address: string): string {
  const bare = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1]!;
  if (isIP(bare) !== 6) return bare;
  const [head = '', tail] = bare.toLowerCase().split('::');
  const groups = (part: string) => {
    const out: string[] = [];
    for (const group of part.split(':')) {
      if (group === '') continue;
      if (group.includes('.')) {
        // An embedded IPv4 address is the last two groups.
        const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
        out.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
      } else out.push(group.replace(/^0+(?=.)/, ''));
    }
    return out;
  };
  const first = groups(head);
  const last = tail === undefined ? [] : groups(tail);
  const all = [...first, ...Array<string>(8 - first.length - last.length).fill('0'), ...last];
  return `${all.slice(0, 4).join(':')}::/64`;
}

/** The client's address: the socket's peer, or behind a trusted reverse proxy the address it adds. */
function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    // The proxy appends the address it saw; anything to the left of it the client could have written.
    const forwarded = c.req.header('x-forwarded-for');
    if (forwarded) {
      let last = forwarded.slice(forwarded.lastIndexOf(',') + 1).trim();
      if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(last)) last = last.slice(0, last.lastIndexOf(':'));
      else if (/^\[.*\]:\d+$/.test(last)) last = last.slice(1, last.lastIndexOf(']'));
      if (isIP(last)) return last;
    }
  }
  // Without a Node.js socket (app.request in tests) every client is the same one.
  if (!(c.env as { incoming?: unknown } | undefined)?.incoming) return 'unknown';
  return getConnInfo(c).remote.address ?? 'unknown';
}

/** Turns a request into the salted hash that the limiters count by. */
export class ClientKeys {
  readonly #salt = randomBytes(32);
  readonly #trustProxy: boolean;

  constructor(trustProxy: boolean) {
    this.#trustProxy = trustProxy;
  }

  key(c: Context): string {
    const network = clientNetwork(clientAddress(c, this.#trustProxy));
    return createHash('sha256').update(this.#salt).update(network).digest('base64url');
  }
}

/** Not a base64url SHA-256, so no client's own key can be it. */
const OVERFLOW = '(overflow)';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per client: `perMinute` attempts at once, refilled evenly over a minute. Full
 * buckets are forgotten, and the number of clients held is bounded: beyond it, new clients share
 * one bucket, so a flood of made-up addresses cannot exhaust memory.
 */
export class RateLimiter {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #maxClients: number;
  readonly #buckets = new Map<string, Bucket>();
  #lastSweep = 0;

  constructor(perMinute: number, options: { maxClients?: number } = {}) {
    this.#capacity = perMinute;
    this.#perMs = perMinute / 60_000;
    this.#maxClients = options.maxClients ?? 100_000;
  }

  /** How many clients are held (for tests and the memory benchmark). */
  get size(): number {
    return this.#buckets.size;
  }

  /**
   * The key a client is counted under: its own while the table holds it or has room for it, else
   * the shared overflow bucket. take() and peek() both go through here, so a failed-token lockout
   * that take() counted in the overflow bucket is also the one peek() finds.
   */
  #keyFor(key: string, now: number): string {
    if (this.#buckets.has(key)) return key;
    if (now - this.#lastSweep >= 60_000 || this.#buckets.size >= this.#maxClients) this.#sweep(now);
    return this.#buckets.size >= this.#maxClients ? OVERFLOW : key;
  }

  #bucket(key: string, now: number): Bucket {
    const at = this.#keyFor(key, now);
    let bucket = this.#buckets.get(at);
    if (bucket) {
      bucket.tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.updatedAt) * this.#perMs);
      bucket.updatedAt = now;
      return bucket;
    }
    bucket = { tokens: this.#capacity, updatedAt: now };
    this.#buckets.set(at, bucket);
    return bucket;
  }

  /** Drops the buckets that have refilled: they hold nothing a fresh bucket would not. */
  #sweep(now: number): void {
    this.#lastSweep = now;
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.#perMs >= this.#capacity) this.#buckets.delete(key);
    }
  }

  #retryAfter(bucket: Bucket): number {
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000));
  }

  /** Counts one attempt. 0 when it is allowed; otherwise the seconds until the next one is. */
  take(key: string, now = Date.now()): number {
    const bucket = this.#bucket(key, now);
    if (bucket.tokens < 1) return this.#retryAfter(bucket);
    bucket.tokens -= 1;
    return 0;
  }

  /** Like take() without counting: 0 when an attempt would be allowed now. */
  peek(key: string, now = Date.now()): number {
    const bucket = this.#buckets.get(this.#keyFor(key, now));
    if (!bucket) return 0;
    const tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.updatedAt) * this.#perMs);
    return tokens >= 1 ? 0 : this.#retryAfter({ tokens, updatedAt: now });
  }
}
