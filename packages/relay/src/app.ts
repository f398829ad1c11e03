/**
 * The relay's HTTP API as a Hono app, with the store injected: createRelay({ store, config }).
 * It runs under @hono/node-server (server.ts) and answers app.request() in tests alike.
 *
 *   GET    /healthz, /readyz
 *   GET    /v1/mailboxes/:id                          the public descriptor (CORS: allowedOrigins; * on an unknown id's 404)
 *   POST   /v1/mailboxes/:id/requests                 an envelope from the widget (CORS: allowedOrigins; * on an unknown id's 404)
 *   GET    /v1/mailboxes/:id/requests?after&limit     the counsellor tools, bearer token
 *   DELETE /v1/mailboxes/:id/requests/:requestId      the counsellor tools, bearer token
 *
 * Every error is {"error": {"code", "message"}} and never repeats the input.
 */
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { secureHeaders } from 'hono/secure-headers';
// LIST_LIMIT_MAX: at most 200 × 64 KiB in one answer, well inside the heap the vp-relay command runs with (bin/vp-relay.js).
import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, REQUEST_ID_PATTERN } from '@vp-contact/protocol/http';
import { bearerToken, tokenDigests, tokenMatches } from './auth.js';
import type { MailboxConfig, RelayConfig } from './config.js';
import { canonicalCiphertextFor, declaredLength, parseEnvelope, readBody, requireJson } from './envelope.js';
import { ApiError, errorResponse } from './errors.js';
import type { CardWatch } from './card-watch.js';
import { jsonLog, requestLogger, type RelayLog } from './log.js';
import type { NoticeScheduler } from './notify/scheduler.js';
import { ClientKeys, RateLimiter } from './rate-limit.js';
import { StoreClosedError, StoreInputError } from './store/errors.js';
import type { RelayStore } from './store/types.js';

export interface RelayOptions {
  readonly store: RelayStore;
  readonly config: RelayConfig;
  /** Where request and event lines go; JSON lines on stdout by default. */
  readonly log?: RelayLog;
  /** Aborted when the relay is stopping: from then on new requests get 503 and connections close. */
  readonly shutdown?: AbortSignal;
  /** How many clients each rate limiter tells apart before they share one bucket; 100 000. */
  readonly maxLimitedClients?: number;
  /** The notice scheduler (notify/): a 202 wakes it, never waits for it; /readyz reports its status. */
  readonly notices?: Pick<NoticeScheduler, 'wake' | 'status'>;
  /** The card watch (card-watch.ts): /readyz reports whether every mailbox has a card that lasts. */
  readonly cards?: Pick<CardWatch, 'status'>;
}

/** What the relay prepares once per mailbox at start, so a request costs only look-ups. */
interface Mailbox {
  readonly id: string;
  readonly descriptor: string;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly encryptionKeyIds: ReadonlySet<string>;
  readonly tokenDigests: readonly Buffer[];
}


function prepareMailbox(mailbox: MailboxConfig): Mailbox {
  return {
    id: mailbox.id,
    descriptor: JSON.stringify({
      id: mailbox.id,
      displayName: mailbox.displayName,
      contact: mailbox.contact,
      publicKeys: mailbox.keys.map((k) => k.armored),
      fingerprints: mailbox.keys.map((k) => k.fingerprint),
      responseHours: mailbox.responseHours,
      cards: mailbox.cards,
    }),
    allowedOrigins: new Set(mailbox.allowedOrigins),
    encryptionKeyIds: new Set(mailbox.keys.flatMap((k) => k.encryptionKeyIds)),
    tokenDigests: tokenDigests(mailbox.counsellorTokenHashes),
  };
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/**
 * Any page may read this 404 (CORS *): a mailbox that does not exist has no allowedOrigins to
 * keep, and without the header the browser turns a mistyped id into a network error, so the
 * configurator and the widget would call the relay unreachable. It tells a page nothing a plain
 * HTTP client cannot learn already (anyone may GET the descriptor's address), it carries no
 * credentials and exposes no headers, and it depends on the id alone: not on the client, its
 * network or its limits (the POST checks the id before the limit for that reason).
 */
const unknownMailbox = () =>
  new ApiError(404, 'unknown-mailbox', 'There is no mailbox with this id on this relay. Check the mailbox attribute of the widget.', {
    'Access-Control-Allow-Origin': '*',
  });

const unauthorized = () =>
  new ApiError(
    401,
    'unauthorized',
    "The token is missing or not valid for this mailbox. Send Authorization: Bearer TOKEN with a token whose sha256 is in the mailbox's counsellorTokenHashes.",
    { 'WWW-Authenticate': 'Bearer' },
  );

/** A store call that failed for the database's sake (not the client's): 503, and a line in the log. */
function storeFailure(log: RelayLog, operation: string) {
  return (error: unknown): never => {
    if (error instanceof StoreInputError) {
      // A NUL in an armor header passes the packet check but not the store: the envelope is bad.
      // A bad cutoff never comes from a request: that would be a bug, not the client's fault.
      if (error.code === 'bad-cutoff') throw error;
      throw new ApiError(400, error.code === 'bad-ciphertext' ? 'bad-envelope' : error.code, error.message);
    }
    if (error instanceof StoreClosedError) {
      throw new ApiError(503, 'shutting-down', 'The relay is shutting down; try again in a moment.', { 'Retry-After': '5' });
    }
    log.event('error', 'store-failed', { operation, error: describeError(error) });
    throw new ApiError(503, 'store-unavailable', 'The relay cannot reach its database right now; nothing was changed. Try again in a minute.', {
      'Retry-After': '60',
    });
  };
}

/** For the log: the kind of error and its message, cut short. Never a request's content. */
function describeError(error: unknown): string {
  const err = error instanceof Error ? error : new Error(String(error));
  const code = (err as { code?: unknown }).code;
  return `${err.name}${typeof code === 'string' ? ` ${code}` : ''}: ${err.message}`.slice(0, 300);
}

export function createRelay({ store, config, log = jsonLog(), shutdown, maxLimitedClients, notices, cards }: RelayOptions): Hono {
  const mailboxes = new Map(config.mailboxes.map((m) => [m.id, prepareMailbox(m)]));
  const clients = new ClientKeys(config.trustProxy);
  const limiterOptions = maxLimitedClients === undefined ? {} : { maxClients: maxLimitedClients };
  const submissions = new RateLimiter(config.limits.postsPerMinute, limiterOptions);
  const failedTokens = new RateLimiter(config.limits.failedTokensPerMinute, limiterOptions);
  const stopping = () => shutdown?.aborted === true;

  /** The mailbox, if the bearer token is one of its tokens; else 401 (429 after too many failures). */
  function authorize(c: Context): Mailbox {
    const client = clients.key(c);
    const wait = failedTokens.peek(client);
    if (wait > 0) {
      throw new ApiError(429, 'too-many-failed-tokens', `Too many wrong tokens from this network; try again in ${wait} seconds.`, {
        'Retry-After': String(wait),
      });
    }
    const mailbox = mailboxes.get(c.req.param('id') ?? '');
    // The same check, time and answer for an unknown mailbox as for a wrong token.
    if (!tokenMatches(bearerToken(c.req.header('authorization')), mailbox?.tokenDigests) || !mailbox) {
      failedTokens.take(client);
      throw unauthorized();
    }
    return mailbox;
  }

  /**
   * CORS for the widget's two calls: only the mailbox's own allowedOrigins, never credentials. For
   * an id the relay does not have, the preflight lets any page through, only so that it can read
   * the 404 (unknownMailbox); other answers under an unknown id (the counsellor calls' 401) get none.
   */
  const corsFor = (methods: string[]) =>
    cors({
      origin: (origin, c) => {
        const mailbox = mailboxes.get(c.req.param('id') ?? '');
        if (!mailbox) return c.req.method === 'OPTIONS' ? '*' : null;
        return mailbox.allowedOrigins.has(origin) ? origin : null;
      },
      allowMethods: methods,
      allowHeaders: ['Content-Type'],
      maxAge: 600,
      credentials: false,
    });

  const v1 = new Hono();
  v1.use('/:id', corsFor(['GET']));
  v1.use('/:id/requests', corsFor(['POST']));

  v1.get('/:id', (c) => {
    const mailbox = mailboxes.get(c.req.param('id'));
    if (!mailbox) throw unknownMailbox();
    return c.body(mailbox.descriptor, 200, JSON_HEADERS);
  });

  v1.post('/:id/requests', async (c) => {
    // Cheapest first: the mailbox, the limit and the headers, all before the body is read. The
    // mailbox before the limit: any page can read the 404, so it must not depend on this client.
    const mailbox = mailboxes.get(c.req.param('id'));
    if (!mailbox) throw unknownMailbox();
    const wait = submissions.take(clients.key(c));
    if (wait > 0) {
      throw new ApiError(429, 'rate-limited', `Too many requests from this network; try again in ${wait} seconds.`, {
        'Retry-After': String(wait),
      });
    }
    requireJson(c.req.header('content-type'));
    const length = declaredLength(c.req.header('content-length'));
    const envelope = parseEnvelope(await readBody(c.req.raw, length, (c.env as Partial<HttpBindings> | undefined)?.incoming));
    const ciphertext = canonicalCiphertextFor(envelope.ciphertext, mailbox.encryptionKeyIds);
    // 202 only once the store has it on disk.
    const receipt = await store.add(mailbox.id, ciphertext).catch(storeFailure(log, 'add'));
    notices?.wake();
    return c.json({ id: receipt.id, receivedAt: receipt.receivedAt }, 202);
  });

  v1.get('/:id/requests', async (c) => {
    const mailbox = authorize(c);
    const limitText = c.req.query('limit');
    if (limitText !== undefined && !/^[1-9][0-9]{0,2}$/.test(limitText)) {
      throw new ApiError(400, 'bad-limit', `The limit must be a whole number from 1 to ${LIST_LIMIT_MAX}.`);
    }
    const limit = limitText === undefined ? LIST_LIMIT_DEFAULT : Number(limitText);
    if (limit > LIST_LIMIT_MAX) throw new ApiError(400, 'bad-limit', `The limit must be a whole number from 1 to ${LIST_LIMIT_MAX}.`);
    const after = c.req.query('after') || null;
    if (after !== null && after.length > 100) {
      throw new ApiError(400, 'bad-cursor', 'The cursor ("after") is not one this relay handed out; start again without it.');
    }
    const page = await store.list(mailbox.id, { after, limit }).catch(storeFailure(log, 'list'));
    return c.json({
      items: page.items.map((r) => ({ id: r.id, receivedAt: r.receivedAt, ciphertext: r.ciphertext })),
      nextCursor: page.nextCursor,
    });
  });

  v1.delete('/:id/requests/:requestId', async (c) => {
    const mailbox = authorize(c);
    const requestId = c.req.param('requestId');
    if (!REQUEST_ID_PATTERN.test(requestId)) {
      throw new ApiError(400, 'bad-request-id', 'That is not a request id: ids are 1 to 100 letters, digits, - or _.');
    }
    // Idempotent: a request that is already gone was acknowledged before, which is what was asked.
    await store.remove(mailbox.id, requestId).catch(storeFailure(log, 'remove'));
    return c.body(null, 204);
  });

  const app = new Hono();
  app.use(requestLogger(log));
  app.use(
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      referrerPolicy: 'no-referrer',
      xContentTypeOptions: true,
      xFrameOptions: 'DENY',
    }),
  );
  app.use(async (c, next) => {
    if (stopping()) {
      throw new ApiError(503, 'shutting-down', 'The relay is shutting down; try again in a moment.', {
        'Retry-After': '5',
        Connection: 'close',
      });
    }
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
    // Requests that were in flight when the stop began finish, and then their connection closes.
    if (stopping()) c.res.headers.set('Connection', 'close');
  });
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (_c, methods) =>
        errorResponse(405, 'method-not-allowed', `This address answers ${methods.join(', ')} only.`, { Allow: methods.join(', ') }),
    }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    if (stopping()) throw new ApiError(503, 'shutting-down', 'The relay is shutting down.');
    try {
      await store.ping();
    } catch (error) {
      log.event('error', 'store-not-ready', { error: describeError(error) });
      throw new ApiError(503, 'store-unavailable', 'The database does not answer.');
    }
    // Failing notices and cards that run out do not make the relay unready: it still takes and
    // hands out requests (a widget may hold a card it fetched earlier), and collection must go on.
    return c.json({
      status: 'ready',
      ...(notices ? { notices: notices.status() } : {}),
      ...(cards ? { cards: cards.status() } : {}),
    });
  });
  app.route('/v1/mailboxes', v1);

  app.notFound(() => errorResponse(404, 'not-found', 'There is nothing at this address. The API is under /v1/mailboxes/.'));
  app.onError((error) => {
    if (error instanceof ApiError) return error.getResponse();
    if (error instanceof HTTPException) {
      return errorResponse(error.status, 'http-error', 'The request could not be handled.');
    }
    log.event('error', 'internal-error', { error: describeError(error) });
    return errorResponse(500, 'internal-error', 'The relay failed on this request; nothing was stored. Try again later.');
  });
  return app;
}
