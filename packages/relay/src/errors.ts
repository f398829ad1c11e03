/**
 * The relay's two kinds of expected failure: an ApiError answers one HTTP request with
 * {"error": {"code", "message"}} (never repeating what the client sent), a ConfigError stops the
 * start with one line the provider can act on.
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RelayErrorCode } from '@vp-contact/protocol/http';

export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: RelayErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(status, { message });
  }

  override getResponse(): Response {
    return errorResponse(this.status, this.code, this.message, this.headers);
  }
}

/** The one error body of the API. */
export function errorResponse(
  status: ContentfulStatusCode,
  code: RelayErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    // no-store here too: some errors (a stop under way) are answered before the header middleware runs.
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
  });
}

/** The configuration cannot be used; the message names the field or the key and what is wrong. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The relay could not start (the database, the port); the message says what to check. */
export class StartError extends Error {
  override readonly name = 'StartError';
}
