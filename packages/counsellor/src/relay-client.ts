/**
 * The relay's counsellor API: list the requests waiting in a mailbox (oldest first, paged) and
 * acknowledge one once it is stored. Every answer is checked against the shared contract
 * (@vp-contact/protocol/http) before anything uses it, and every failure is a CounsellorError
 * that says what to check. Problems with an answer are described by field and rule, never by
 * quoting what the relay sent.
 */
import * as v from 'valibot';
import { ENVELOPE_MAX_BYTES } from '@vp-contact/protocol/schema';
import {
  describeContractIssues,
  ErrorBodySchema,
  LIST_LIMIT_MAX,
  MAILBOX_ID_PATTERN,
  REQUEST_ID_PATTERN,
  RequestPageSchema,
  type RequestPage,
} from '@vp-contact/protocol/http';
import { CounsellorError } from './errors.js';

export type { RequestPage, WaitingRequest } from '@vp-contact/protocol/http';

export interface RelayClientOptions {
  /** The relay's base URL, e.g. https://relay.voorbeeld.example (a path prefix is kept). http:// only on this machine. */
  readonly relay: string;
  /** The mailbox id, as in the relay's config. */
  readonly mailbox: string;
  /** The bearer token whose hash is in the mailbox's counsellorTokenHashes. */
  readonly token: string;
  /** How long one HTTP exchange may take; default 30 seconds. */
  readonly timeoutMs?: number;
}

// The most a page can honestly be: the most items, each a full envelope's ciphertext, with room
// for the JSON around them. Anything longer is not read to the end.
const PAGE_MAX_BYTES = LIST_LIMIT_MAX * (ENVELOPE_MAX_BYTES + 1024);
const ERROR_BODY_MAX_BYTES = 16 * 1024;

/**
 * True for a host on this machine: localhost, 127.0.0.0/8, ::1. Only there may the token travel
 * over plain http:// (a demo or a tunnel's local end); anywhere else it would be readable on the way.
 */
export function isLoopbackHost(hostname: string): boolean {
  // URL has already normalised the host: lower case, IPv4 in dotted form, IPv6 in brackets.
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Parses and checks a relay address: https://, or http:// to this machine. */
export function relayUrl(relay: string): URL {
  let base: URL;
  try {
    base = new URL(relay);
  } catch {
    throw new CounsellorError('relay-url-invalid', `The relay address "${relay}" is not a URL; write it like https://relay.voorbeeld.example.`, {
      data: { relay },
    });
  }
  if (base.protocol !== 'https:' && !(base.protocol === 'http:' && isLoopbackHost(base.hostname))) {
    throw new CounsellorError(
      'relay-url-insecure',
      `The relay address must start with https:// (http:// only for a relay on this machine: localhost, 127.0.0.1 or ::1).`,
      { data: { relay } },
    );
  }
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return base;
}

export class RelayClient {
  readonly #base: URL;
  readonly #mailbox: string;
  readonly #token: string;
  readonly #timeoutMs: number;

  constructor(options: RelayClientOptions) {
    const base = relayUrl(options.relay);
    if (!MAILBOX_ID_PATTERN.test(options.mailbox)) {
      throw new CounsellorError('mailbox-invalid', `The mailbox id "${options.mailbox}" is not valid: use lower-case letters, digits and dashes.`, {
        data: { mailbox: options.mailbox },
      });
    }
    if (options.token.trim() === '' || /\s/.test(options.token.trim())) {
      throw new CounsellorError('token-invalid', 'The token is empty or contains spaces; the token file should hold exactly the token.');
    }
    this.#base = base;
    this.#mailbox = options.mailbox;
    this.#token = options.token.trim();
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** The relay's address, for messages. */
  get relay(): string {
    return this.#base.href;
  }

  /** One page of waiting requests, oldest first. */
  async listRequests(options: { after?: string | null; limit?: number } = {}): Promise<RequestPage> {
    const url = this.#url(`v1/mailboxes/${this.#mailbox}/requests`);
    if (options.after) url.searchParams.set('after', options.after);
    if (options.limit !== undefined) url.searchParams.set('limit', String(options.limit));
    const response = await this.#fetch(url, 'GET');
    if (response.status !== 200) throw await this.#failure(response);
    const origin = this.#base.origin;
    const text = await this.#readText(response, PAGE_MAX_BYTES);
    if (text === null) {
      throw new CounsellorError('relay-bad-response', `The relay at ${origin} sent a list far longer than a page of requests can be.`, {
        data: { relay: origin, problem: 'too-long' },
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (cause) {
      throw new CounsellorError('relay-bad-response', `The relay at ${origin} answered with something that is not JSON. Is this the right address?`, {
        cause,
        data: { relay: origin, problem: 'not-json' },
      });
    }
    const result = v.safeParse(RequestPageSchema, body);
    if (!result.success) {
      const detail = describeContractIssues(result.issues.slice(0, 3));
      throw new CounsellorError('relay-bad-response', `The relay's list of requests is not in the expected form (${detail}). Is the relay up to date?`, {
        data: { relay: origin, problem: 'form', detail },
      });
    }
    // The relay took each of these as an envelope of at most ENVELOPE_MAX_BYTES; a longer one is not a request.
    const oversized = result.output.items.findIndex((item) => item.ciphertext.length > ENVELOPE_MAX_BYTES);
    if (oversized !== -1) {
      const detail = `items.${oversized}.ciphertext must be at most ${ENVELOPE_MAX_BYTES} characters`;
      throw new CounsellorError('relay-bad-response', `The relay's list of requests is not in the expected form (${detail}). Is the relay up to date?`, {
        data: { relay: origin, problem: 'form', detail },
      });
    }
    return result.output;
  }

  /** Every waiting request, page by page; stops with an error if the relay's cursor does not move. */
  async *waitingRequests(pageSize = 100): AsyncGenerator<RequestPage> {
    let after: string | null = null;
    const seen = new Set<string>();
    for (;;) {
      const page = await this.listRequests({ after, limit: pageSize });
      yield page;
      if (page.nextCursor === null || page.items.length === 0) return;
      if (seen.has(page.nextCursor)) {
        throw new CounsellorError('relay-bad-response', 'The relay handed out the same page twice (its cursor did not move).', {
          data: { relay: this.#base.origin, problem: 'cursor-stuck' },
        });
      }
      seen.add(page.nextCursor);
      after = page.nextCursor;
    }
  }

  /** Tells the relay the request is stored and may be deleted. Succeeds also when it is already gone. */
  async acknowledge(requestId: string): Promise<void> {
    if (!REQUEST_ID_PATTERN.test(requestId)) {
      throw new CounsellorError('relay-bad-response', 'That is not a request id (1 to 100 letters, digits, - or _).', {
        data: { relay: this.#base.origin, problem: 'form', detail: 'id must be 1 to 100 letters, digits, - or _' },
      });
    }
    const response = await this.#fetch(this.#url(`v1/mailboxes/${this.#mailbox}/requests/${requestId}`), 'DELETE');
    // A 404 for the request (an unknown mailbox is a 401) means it is already gone, e.g. another
    // pull acknowledged it first: the same outcome as a 204.
    if (response.status === 204 || response.status === 200 || response.status === 404) {
      await response.body?.cancel();
      return;
    }
    throw await this.#failure(response);
  }

  #url(path: string): URL {
    return new URL(path, this.#base);
  }

  async #fetch(url: URL, method: string): Promise<Response> {
    try {
      return await fetch(url, {
        method,
        headers: { authorization: `Bearer ${this.#token}`, accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (cause) {
      if (cause instanceof DOMException && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) {
        const seconds = Math.round(this.#timeoutMs / 1000);
        throw new CounsellorError('relay-timeout', `The relay at ${url.origin} did not answer within ${seconds} seconds. Try again later.`, {
          cause,
          data: { relay: url.origin, seconds },
        });
      }
      const reason = describeNetworkError(cause);
      throw new CounsellorError('relay-unreachable', `Could not reach the relay at ${url.origin} (${reason}). Check the address and the network connection.`, {
        cause,
        data: { relay: url.origin, reason },
      });
    }
  }

  /** The body as text, or null when it is longer than `max` bytes (then it is not read further). */
  async #readText(response: Response, max: number): Promise<string | null> {
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > max) {
      await response.body?.cancel();
      return null;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    try {
      for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
        size += part.value.length;
        if (size > max) {
          await reader!.cancel().catch(() => {});
          return null;
        }
        chunks.push(part.value);
      }
    } catch (cause) {
      throw new CounsellorError('relay-unreachable', `The connection to the relay at ${this.#base.origin} broke off during its answer.`, {
        cause,
        data: { relay: this.#base.origin, reason: 'the answer broke off' },
      });
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  }

  async #failure(response: Response): Promise<CounsellorError> {
    // The relay's own words are kept only when they follow the contract; the CLI makes any text
    // from outside safe to print.
    let detail = '';
    try {
      const text = await this.#readText(response, ERROR_BODY_MAX_BYTES);
      const result = text === null ? null : v.safeParse(ErrorBodySchema, JSON.parse(text));
      if (result?.success) detail = `: ${result.output.error.message}`;
    } catch {
      // Not JSON, or cut off: the status says enough.
    }
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const data = { relay: this.#base.origin, mailbox: this.#mailbox, status, detail: detail.slice(2) };
    if (response.status === 401 || response.status === 403) {
      return new CounsellorError(
        'relay-unauthorized',
        `The relay refused the token for mailbox "${this.#mailbox}" (${status}). Check the token file and that the token's sha256 line is in the relay's counsellorTokenHashes for this mailbox.`,
        { data },
      );
    }
    if (response.status === 404) {
      return new CounsellorError('relay-not-found', `The relay has no such address (${status}). Check the relay URL and the mailbox id.`, { data });
    }
    if (response.status >= 500) {
      return new CounsellorError(
        'relay-error',
        `The relay failed (${status}${detail}). Nothing was lost: try again later, and tell whoever runs the relay if it keeps happening.`,
        { data: { ...data, problem: 'failed' } },
      );
    }
    return new CounsellorError('relay-error', `The relay refused the request (${status}${detail}).`, { data: { ...data, problem: 'refused' } });
  }
}

function describeNetworkError(error: unknown): string {
  // undici puts the system error (ECONNREFUSED, ENOTFOUND, ...) in cause.
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused: nothing listens there';
  if (cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN') return 'the name could not be found';
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : String(error);
}
