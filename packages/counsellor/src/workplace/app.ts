/**
 * The workplace's local server as a Hono app (routes in API.md). createWorkplace builds it over a
 * Session; server.ts listens on 127.0.0.1. The tests use app.request() and real HTTP alike.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { RelayClient } from '../relay-client.js';
import { WorkplaceError, STATUS_OF } from './errors.js';
import { stateOf, readToken } from './fetching.js';
import { forwardCase } from './forward.js';
import { COOKIE_NAME, hostAndOrigin, newSecret, refuse, securityHeaders, SessionCookie } from './guard.js';
import { caseDetail, listInbox } from './inbox-view.js';
import { parseBody } from './case-file.js';
import type { Session } from './session.js';
import { checkColleague } from './colleagues.js';
import { addColleagueSetting, addMailboxSetting, changeSettings, MailboxSettingSchema, mailboxKey, ReminderHoursSchema } from './settings.js';
import * as v from 'valibot';
import { reportRoutes } from '../reports/routes.js';

/** Where the pages are: the UI package's build output (dist/workplace-ui), the same from src/ and dist/. */
const UI_DIR = fileURLToPath(new URL('../../dist/workplace-ui/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

export interface WorkplaceOptions {
  readonly session: Session;
  /** The port the server listens on: the only one a Host header may name. */
  readonly port: number;
  /** The one-time secret of the printed link; random by default. */
  readonly secret?: string;
  readonly uiDir?: string;
}

export interface Workplace {
  readonly app: Hono;
  /** The path to print in the link: /open/SECRET. */
  readonly openPath: string;
}

const LINK_USED_PAGE = `<!doctype html><html lang="nl"><meta charset="utf-8"><title>Link gebruikt / Link used</title>
<main><h1>Deze link is al gebruikt</h1><p>Een link van <code>vp-counsellor serve</code> werkt één keer. Gebruik het venster dat u al open had, of start <code>vp-counsellor serve</code> opnieuw voor een nieuwe link.</p>
<h1 lang="en">This link has been used</h1><p lang="en">A link from <code>vp-counsellor serve</code> works once. Use the window you already had open, or start <code>vp-counsellor serve</code> again for a new link.</p></main></html>`;

function errorBody(code: string, message: string, field?: string) {
  return { error: { code, message, ...(field ? { field } : {}) } };
}

async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HTTPException(415, { res: c.json(errorBody('not-json', 'Send the body as JSON (content-type: application/json).'), 415) });
  }
  try {
    return await c.req.json();
  } catch {
    throw new WorkplaceError('invalid', 'The body is not valid JSON.');
  }
}

function caseId(c: Context): number {
  const text = c.req.param('id') ?? '';
  if (!/^[1-9][0-9]{0,15}$/.test(text)) throw new WorkplaceError('not-found', 'There is no such case.');
  return Number(text);
}

const ReminderSettingSchema = v.strictObject({ hours: ReminderHoursSchema });
const LangSchema = v.strictObject({ lang: v.picklist(['nl', 'en'], 'must be nl or en') });

const TestMailboxSchema = v.strictObject({ relay: MailboxSettingSchema.entries.relay, mailbox: MailboxSettingSchema.entries.mailbox, tokenFile: MailboxSettingSchema.entries.tokenFile });

/** Lists the mailbox's waiting requests once: the address, the mailbox and the token all work. */
async function testMailbox(input: { relay: string; mailbox: string; tokenFile: string }): Promise<number> {
  const token = await readToken(input.tokenFile);
  try {
    const client = new RelayClient({ relay: input.relay, mailbox: input.mailbox, token, timeoutMs: 15_000 });
    const page = await client.listRequests({ limit: 100 });
    return page.items.length;
  } catch (error) {
    const state = stateOf(error);
    const code = state === 'relay-unreachable' ? 'relay-unreachable' : state === 'token-refused' ? 'relay-refused-token' : 'relay-error';
    throw new WorkplaceError(code, (error as Error).message);
  }
}

/** What the pages ask now and then by themselves: asking is not use, so the idle lock still comes. */
const POLLED = new Set(['/api/session', '/api/mailboxes', '/api/reminders']);

export function createWorkplace(options: WorkplaceOptions): Workplace {
  const { session, port } = options;
  const secret = options.secret ?? newSecret();
  const cookies = new SessionCookie(secret);
  const uiDir = options.uiDir ?? UI_DIR;
  const app = new Hono();

  // How long the app itself took (not the network): the benchmark reads it, and so can DevTools.
  app.use(async (c, next) => {
    const start = performance.now();
    await next();
    c.res.headers.set('Server-Timing', `app;dur=${(performance.now() - start).toFixed(1)}`);
  });
  app.use(securityHeaders());
  app.use(hostAndOrigin(port));
  app.use(bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json(errorBody('invalid', 'The body is too large (at most 64 KiB).'), 413) }));

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (error instanceof WorkplaceError) return c.json(errorBody(error.code, error.message, error.field), STATUS_OF[error.code]);
    // A bug: say so without details (they may hold request text); nothing was confirmed.
    return c.json(errorBody('internal', 'Something went wrong inside the app; nothing was changed. Try again, and report it if it keeps happening.'), 500);
  });
  app.notFound((c) => c.json(errorBody('not-found', 'There is nothing at this address.'), 404));

  app.get('/open/:secret', (c) => {
    const cookie = cookies.exchange(c.req.param('secret'));
    if (cookie === null) return c.html(LINK_USED_PAGE, 403);
    setCookie(c, COOKIE_NAME, cookie, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.redirect('/', 303);
  });

  // Everything under /api needs the session cookie; use, except polling, restarts the idle clock.
  app.use('/api/*', async (c, next) => {
    if (!cookies.valid(c.req.header('cookie'))) throw refuse('no-session', 'Open the app with the link vp-counsellor serve printed.');
    const polling = c.req.method === 'GET' && POLLED.has(c.req.path);
    if (!polling) session.touch();
    await next();
  });

  const api = new Hono();

  api.get('/session', (c) =>
    c.json({
      unlocked: session.unlocked,
      lang: session.settings.lang,
      idleMinutes: session.idleMinutes,
      lockedBecause: session.unlocked ? null : session.lockedBecause,
      employers: [...new Set(session.settings.mailboxes.map((m) => m.employer))],
    }),
  );

  // The counsellor's language, kept in the settings. Allowed while locked: the language switch is
  // on the unlock screen too, and the language is no secret. Settings still read from an older
  // counsellor.json keep it in memory only: writing would make a workplace.json that then wins.
  api.post('/session/lang', async (c) => {
    const { lang } = parseBody(LangSchema, await jsonBody(c));
    await session.updateSettings(async (current) => (current.source === current.file ? changeSettings(current, { lang }) : { ...current, lang }));
    return c.json({ lang });
  });

  api.post('/unlock', async (c) => {
    const body = (await jsonBody(c)) as { passphrase?: unknown } | null;
    await session.unlock(body?.passphrase);
    return c.json({ unlocked: true });
  });

  api.post('/lock', (c) => {
    session.lock('lock');
    return c.json({ unlocked: false });
  });

  const mailboxes = () =>
    session.settings.mailboxes.map((m) => {
      const status = session.statuses.get(m.id);
      return {
        id: m.id,
        employer: m.employer,
        relay: m.relay,
        mailbox: m.mailbox,
        responseHours: m.responseHours,
        responseWorkingDays: m.responseWorkingDays ?? null,
        status: status
          ? { state: status.state, lastFetchedAt: status.lastFetchedAt, lastAttemptAt: status.lastAttemptAt, message: status.message, newCases: status.newCases }
          : null,
      };
    });

  api.get('/mailboxes', (c) => {
    void session.open;
    return c.json({ mailboxes: mailboxes() });
  });

  api.post('/fetch', async (c) => {
    await session.fetchAll();
    return c.json({ mailboxes: mailboxes() });
  });

  api.post('/mailboxes/test', async (c) => {
    void session.open;
    const input = parseBody(TestMailboxSchema, await jsonBody(c));
    return c.json({ ok: true, waiting: await testMailbox(input) });
  });

  api.post('/mailboxes', async (c) => {
    void session.open;
    const input = parseBody(MailboxSettingSchema, await jsonBody(c));
    const id = mailboxKey(input.relay, input.mailbox);
    if (session.settings.mailboxes.some((m) => m.id === id)) throw new WorkplaceError('conflict', `The mailbox ${id} is in the settings already.`, 'mailbox');
    await testMailbox(input);
    await session.updateSettings((current) => addMailboxSetting(current, input));
    return c.json({ mailbox: mailboxes().find((m) => m.id === id) }, 201);
  });

  api.get('/inbox', (c) => {
    const { register } = session.open;
    const unreadable = [...session.statuses.entries()].flatMap(([mailbox, s]) => s.unreadable.map((u) => ({ mailbox, ...u })));
    return c.json({ items: listInbox(register, c.req.query(), session.now(), session.settings.reminderHours), unreadable });
  });

  const detail = (c: Context, id: number) => {
    const { register } = session.open;
    const row = register.case(id);
    if (!row) throw new WorkplaceError('not-found', `There is no case ${id}.`);
    return c.json({ case: caseDetail(register, row, session.now(), session.settings.reminderHours) });
  };

  api.get('/cases/:id', (c) => detail(c, caseId(c)));

  const change = (path: string, apply: (id: number, body: unknown, c: Context) => void | Promise<void>, method: 'post' | 'put' = 'post') => {
    api[method](path, async (c) => {
      const id = caseId(c);
      const body = await jsonBody(c);
      void session.open;
      await apply(id, body, c);
      return detail(c, id);
    });
  };
  change('/cases/:id/status', (id, body) => session.open.book.changeStatus(id, body));
  change('/cases/:id/notes', (id, body) => session.open.book.addNote(id, body));
  change('/cases/:id/appointments', (id, body) => session.open.book.addAppointment(id, body));
  change('/cases/:id/appointments/:aid/outcome', (id, body, c) => {
    const aid = c.req.param('aid') ?? '';
    if (!/^[1-9][0-9]{0,15}$/.test(aid)) throw new WorkplaceError('not-found', 'There is no such appointment.');
    session.open.book.setAppointmentOutcome(id, Number(aid), body);
  });
  change('/cases/:id/time', (id, body) => session.open.book.addTime(id, body));
  change('/cases/:id/hr', (id, body) => session.open.book.setHr(id, body));
  change('/cases/:id/referrals', (id, body) => session.open.book.addReferral(id, body));
  change('/cases/:id/registration', (id, body) => session.open.book.setRegistration(id, body), 'put');
  change('/cases/:id/forward', (id, body) => forwardCase(session, id, body));

  // Polled by every page (not use): works locked too, then as a bare count (reminders.ts).
  api.get('/reminders', (c) => c.json(session.reminders()));

  api.put('/settings/reminders', async (c) => {
    void session.open;
    const { hours } = parseBody(ReminderSettingSchema, await jsonBody(c));
    await session.updateSettings((current) => changeSettings(current, { reminderHours: hours }));
    return c.json({ reminderHours: hours });
  });

  const colleague = (p: { name: string; relay: string; mailbox: string }) => ({ name: p.name, relay: p.relay, mailbox: p.mailbox });

  api.get('/colleagues', (c) => {
    void session.open;
    return c.json({ colleagues: session.settings.colleagues.map(colleague) });
  });

  api.post('/colleagues', async (c) => {
    void session.open;
    const checked = await checkColleague(session.settings, await jsonBody(c));
    // Saved only after the checks at the colleague's relay, on the settings as they are by then.
    await session.updateSettings((current) => addColleagueSetting(current, checked));
    return c.json({ colleague: colleague(session.settings.colleagues.at(-1)!) }, 201);
  });

  // Issue #13: the yearly report, the hours specification, the report text (reports/routes.ts).
  api.route('/reports', reportRoutes(session));

  app.route('/api', api);

  // The pages: files from the UI's build folder only, never outside it.
  app.get('/*', async (c) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return c.notFound();
    }
    const file = normalize(join(uiDir, decoded));
    if (!file.startsWith(uiDir.endsWith(sep) ? uiDir : uiDir + sep) || decoded.includes('\0')) return c.notFound();
    const type = TYPES[extname(file)];
    if (!type) return c.notFound();
    try {
      return c.body(await readFile(file), 200, { 'content-type': type });
    } catch {
      if (path === '/index.html') {
        return c.text('The pages of the app are not built yet: run npm run build -w @vp-contact/counsellor (or the UI build) first.', 503);
      }
      return c.notFound();
    }
  });

  return { app, openPath: `/open/${secret}` };
}
