/**
 * The relay's counsellor API: list the requests waiting in a mailbox (oldest first, paged) and
 * acknowledge one once it is stored. Every failure is a CounsellorError that says what to check.
 */
import * as v from 'valibot';
import { CounsellorError } from './errors.js';

/** One request as the relay holds it: only ciphertext, with the relay's id and time of receipt. */
export interface WaitingRequest {
  /** The relay's id of the request; what pull acknowledges and the inbox file is named after. */
  readonly id: string;
  /** When the relay received it, ISO 8601. */
  readonly receivedAt: string;
  /** The ASCII-armored OpenPGP message, exactly as the employee's browser made it. */
  readonly ciphertext: string;
}

export interface RequestPage {
  readonly items: readonly WaitingRequest[];
  /** Pass as `after` for the next page; null when this was the last page. */
  readonly nextCursor: string | null;
}

export interface RelayClientOptions {
  /** The relay's base URL, e.g. https://relay.voorbeeld.example (a path prefix is kept). */
  readonly relay: string;
  /** The mailbox id, as in the relay's config. */
  readonly mailbox: string;
  /** The bearer token whose hash is in the mailbox's counsellorTokenHashes. */
  readonly token: string;
  /** How long one HTTP exchange may take; default 30 seconds. */
  readonly timeoutMs?: number;
}

// Ids end up in file names: only characters that are safe in every file system, and not too long.
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

const WaitingRequestSchema = v.object({
  id: v.pipe(v.string(), v.regex(REQUEST_ID_PATTERN, 'must be 1 to 100 letters, digits, - or _')),
  receivedAt: v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp')),
  ciphertext: v.string(),
});

const RequestPageSchema = v.object({
  items: v.array(WaitingRequestSchema),
  nextCursor: v.optional(v.nullable(v.string()), null),
});

const ErrorBodySchema = v.object({ error: v.object({ code: v.string(), message: v.string() }) });

export class RelayClient {
  readonly #base: URL;
  readonly #mailbox: string;
  readonly #token: string;
  readonly #timeoutMs: number;

  constructor(options: RelayClientOptions) {
    let base: URL;
    try {
      base = new URL(options.relay);
    } catch {
      throw new CounsellorError('usage', `The relay address "${options.relay}" is not a URL; write it like https://relay.voorbeeld.example.`, {
        dutch: `Het relay-adres "${options.relay}" is geen URL; schrijf het zoals https://relay.voorbeeld.example.`,
      });
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new CounsellorError('usage', `The relay address must start with https:// (or http:// for a relay on this machine).`, {
        dutch: 'Het relay-adres moet beginnen met https:// (of http:// voor een relay op deze computer).',
      });
    }
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    if (!/^[a-z0-9-]{1,64}$/.test(options.mailbox)) {
      throw new CounsellorError('usage', `The mailbox id "${options.mailbox}" is not valid: use lower-case letters, digits and dashes.`, {
        dutch: `De mailbox-id "${options.mailbox}" klopt niet: gebruik kleine letters, cijfers en streepjes.`,
      });
    }
    if (options.token.trim() === '' || /\s/.test(options.token.trim())) {
      throw new CounsellorError('usage', 'The token is empty or contains spaces; the token file should hold exactly the token.', {
        dutch: 'Het token is leeg of bevat spaties; het tokenbestand moet precies het token bevatten.',
      });
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
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw new CounsellorError('relay-bad-response', `The relay at ${this.#base.origin} answered with something that is not JSON. Is this the right address?`, { cause });
    }
    const result = v.safeParse(RequestPageSchema, body);
    if (!result.success) {
      const issue = result.issues[0]!;
      throw new CounsellorError(
        'relay-bad-response',
        `The relay's list of requests is not in the expected form (${v.getDotPath(issue) ?? 'body'}: ${issue.message}). Is the relay up to date?`,
      );
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
        throw new CounsellorError('relay-bad-response', 'The relay handed out the same page twice (its cursor did not move).');
      }
      seen.add(page.nextCursor);
      after = page.nextCursor;
    }
  }

  /** Tells the relay the request is stored and may be deleted. Succeeds also when it is already gone. */
  async acknowledge(requestId: string): Promise<void> {
    if (!REQUEST_ID_PATTERN.test(requestId)) {
      throw new CounsellorError('usage', `"${requestId}" is not a request id.`);
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
        throw new CounsellorError(
          'relay-timeout',
          `The relay at ${url.origin} did not answer within ${Math.round(this.#timeoutMs / 1000)} seconds. Try again later.`,
          { cause },
        );
      }
      const reason = describeNetworkError(cause);
      throw new CounsellorError(
        'relay-unreachable',
        `Could not reach the relay at ${url.origin} (${reason}). Check the address and the network connection.`,
        { cause },
      );
    }
  }

  async #failure(response: Response): Promise<CounsellorError> {
    let detail = '';
    try {
      const result = v.safeParse(ErrorBodySchema, await response.json());
      if (result.success) detail = `: ${result.output.error.message}`;
    } catch {
      // Not JSON: the status says enough.
    }
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    if (response.status === 401 || response.status === 403) {
      return new CounsellorError(
        'relay-unauthorized',
        `The relay refused the token for mailbox "${this.#mailbox}" (${status}). Check the token file and that the token's sha256 line is in the relay's counsellorTokenHashes for this mailbox.`,
      );
    }
    if (response.status === 404) {
      return new CounsellorError('relay-not-found', `The relay has no such address (${status}). Check the relay URL and the mailbox id.`);
    }
    if (response.status >= 500) {
      return new CounsellorError(
        'relay-error',
        `The relay failed (${status}${detail}). Nothing was lost: try again later, and tell whoever runs the relay if it keeps happening.`,
      );
    }
    return new CounsellorError('relay-error', `The relay refused the request (${status}${detail}).`);
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
