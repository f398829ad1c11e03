/**
 * What protects the local server from everything else on the machine and on the web, checked
 * before any route runs (a refusal changes nothing):
 * - Host must be 127.0.0.1:PORT or localhost:PORT: a web page that points its own name at
 *   127.0.0.1 (DNS rebinding) sends its own name as Host and is refused;
 * - a session cookie, got once for the one-time secret in the printed link (HttpOnly, so no
 *   script reads it; SameSite=Strict, so no other site's page sends it);
 * - for anything that changes something, the app's own Origin (a form or fetch from another page
 *   carries its own origin, or "null");
 * - no CORS: no Access-Control-* header is ever sent, and an OPTIONS preflight is refused.
 * And on every answer: a strict CSP without inline script, no framing, no caching, no referrer.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

export const COOKIE_NAME = 'vp_workplace';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function refuse(code: string, message: string): HTTPException {
  return new HTTPException(403, {
    res: new Response(JSON.stringify({ error: { code, message } }), { status: 403, headers: { 'content-type': 'application/json; charset=utf-8' } }),
  });
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Equal without telling by timing how much was right. */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', CSP);
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    c.res.headers.set('Cross-Origin-Resource-Policy', 'same-origin');
    c.res.headers.set('Cache-Control', 'no-store');
  };
}

/** Host, method and Origin checks for every request. */
export function hostAndOrigin(port: number): MiddlewareHandler {
  const hosts = allowedHosts(port);
  return async (c, next) => {
    const host = (c.req.header('host') ?? '').toLowerCase();
    if (!hosts.has(host)) throw refuse('host-refused', 'This app answers only at 127.0.0.1 or localhost on its own port.');
    if (c.req.method === 'OPTIONS') throw refuse('origin-refused', 'This app does not answer other sites (no CORS).');
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin !== `http://${host}`) throw refuse('origin-refused', 'A change must come from the app\'s own page.');
    }
    await next();
  };
}

/** The session: a cookie value known only to this process and the browser that used the link. */
export class SessionCookie {
  #secret: string | null;
  readonly #cookies = new Set<string>();

  constructor(secret: string) {
    this.#secret = secret;
  }

  /** Exchanges the one-time secret for a new cookie value; the secret is spent, right or wrong only when right. */
  exchange(secret: string): string | null {
    if (this.#secret === null || !sameSecret(secret, this.#secret)) return null;
    this.#secret = null;
    const cookie = newSecret();
    this.#cookies.add(cookie);
    return cookie;
  }

  /** Whether a Cookie header carries a session cookie this process handed out. */
  valid(header: string | undefined): boolean {
    const value = (header ?? '')
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${COOKIE_NAME}=`))
      ?.slice(COOKIE_NAME.length + 1);
    if (!value) return false;
    for (const cookie of this.#cookies) if (sameSecret(value, cookie)) return true;
    return false;
  }
}
