// The counsellor's workplace (issue 12): a register of 1,000 cases with 10,000 entries (filled
// through the app's own register code, then closed), then `vp-counsellor serve` as its own
// process: from pressing "unlock" to the inbox's data in hand, opening cases (the server's own
// time, from its Server-Timing header), and the server's peak RSS.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../scripts/chromium.mjs';
import { makeRequest, removeDir, ROOT, tempDir } from './fixtures.mjs';
import { peakRssMb, quantile, round } from './stats.mjs';

const DIST = join(ROOT, 'packages/counsellor/dist/workplace');
const CLI = join(ROOT, 'packages/counsellor/bin/vp-counsellor.js');
const EMPLOYERS = ['Voorbeeld B.V.', 'Tweede Voorbeeld B.V.', 'Derde Voorbeeld B.V.', 'Vierde Voorbeeld B.V.'];

const load = (file) => import(pathToFileURL(join(DIST, file)).href);

/** 1,000 cases with 9 changes each besides their creation: 10,000 entries. */
async function fillRegister({ registerDir, privateKey, cases }) {
  const { registerKey } = await load('register-key.js');
  const { Register } = await load('register.js');
  const { CaseBook } = await load('case-file.js');
  const { ContactRequestSchema } = await import('@vp-contact/protocol');
  const valibot = await import('valibot');
  const { key } = await registerKey(registerDir, privateKey);
  const register = Register.open(registerDir, key);
  const requests = [];
  for (let i = 0; i < 50; i += 1) requests.push(valibot.parse(ContactRequestSchema, await makeRequest(i)));
  const book = new CaseBook(register, () => new Date());
  const day = new Date().toISOString().slice(0, 10);
  const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
  register.bulk(() => {
    for (let i = 0; i < cases; i += 1) {
      const employer = EMPLOYERS[i % EMPLOYERS.length];
      const id = register.createCase({
        mailboxId: `bench-${i % EMPLOYERS.length}@127.0.0.1:9`,
        employer,
        requestId: `bench-${i}`,
        receivedAt: new Date(Date.now() - (i % 400) * 3_600_000).toISOString(),
        request: requests[i % requests.length],
        responseHours: 48,
        at: new Date().toISOString(),
      });
      book.changeStatus(id, { status: 'contacted' });
      book.addNote(id, { text: `Eerste gesprek gevoerd (bench ${i}). `.repeat(4) });
      book.addTime(id, { on: day, minutes: 45 });
      book.addAppointment(id, { at: future, channel: 'video' });
      book.addNote(id, { text: 'Vervolg afgesproken.' });
      book.addTime(id, { on: day, minutes: 30 });
      book.setHr(id, { notified: false, consent: 'none' });
      book.addReferral(id, { to: 'company-doctor' });
      if (i % 3 === 0) book.changeStatus(id, { status: 'closed', registration: { categories: ['bullying'], reporterRole: 'affected', support: ['listening'], outcome: 'solved-informally', contacts: 2 } });
      else book.changeStatus(id, { status: 'in-progress' });
    }
  });
  const counts = register.counts();
  register.close();
  return counts;
}

function serve(configFile) {
  const child = spawn(process.execPath, [CLI, 'serve', '--config', configFile, '--lang', 'en'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const link = /http:\/\/127\.0\.0\.1:\d+\/open\/[A-Za-z0-9_-]+/.exec(output)?.[0];
      if (link) resolve({ child, link, origin: new URL(link).origin });
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', () => reject(new Error(`vp-counsellor serve stopped: ${output.trim()}`)));
  });
}

export async function measureWorkplace({ privateKey, passphrase, cases = 1000, log = () => {} }) {
  const dir = await tempDir('workplace');
  try {
    const { unlockPrivateKey } = await import('@vp-contact/counsellor');
    await writeFile(join(dir, 'private.asc'), privateKey, { mode: 0o600 });
    await writeFile(join(dir, 'token'), 'bench-token-not-used-here-xxxxxxxxxxxxxxxx\n', { mode: 0o600 });
    const registerDir = join(dir, 'register');
    await mkdir(registerDir, { mode: 0o700 });
    const fillStart = performance.now();
    const counts = await fillRegister({ registerDir, privateKey: await unlockPrivateKey(privateKey, passphrase), cases });
    log(`  register filled: ${counts.cases} cases, ${counts.entries} entries (${round((performance.now() - fillStart) / 1000)} s)`);
    // A mailbox on a port where nothing listens: the fetch at unlock fails at once and changes nothing.
    const configFile = join(dir, 'workplace.json');
    await writeFile(
      configFile,
      JSON.stringify({ key: 'private.asc', register: 'register', mailboxes: EMPLOYERS.map((employer, i) => ({ employer, relay: 'http://127.0.0.1:9', mailbox: `bench-${i}`, tokenFile: 'token' })) }),
    );
    const server = await serve(configFile);
    try {
      const opened = await fetch(server.link, { redirect: 'manual' });
      const cookie = opened.headers.get('set-cookie').split(';')[0];
      const call = async (method, path, body) => {
        const response = await fetch(`${server.origin}${path}`, {
          method,
          headers: { cookie, ...(method === 'GET' ? {} : { origin: server.origin, 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const json = await response.json();
        if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
        return { json, serverMs: Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]) };
      };
      const start = performance.now();
      await call('POST', '/api/unlock', { passphrase });
      const inbox = await call('GET', '/api/inbox');
      const unlockToInboxMs = round(performance.now() - start);
      if (inbox.json.items.length !== counts.cases) throw new Error(`The inbox shows ${inbox.json.items.length} of ${counts.cases} cases.`);
      const ids = inbox.json.items.map((item) => item.id);
      const openTimes = [];
      for (let i = 0; i < 200; i += 1) {
        const { json, serverMs } = await call('GET', `/api/cases/${ids[(i * 37) % ids.length]}`);
        if (json.case.history.length < 10) throw new Error('A case came back without its history.');
        openTimes.push(serverMs);
      }
      const drawnMs = await unlockToDrawnInbox({ origin: server.origin, cookie, passphrase, rows: counts.cases, lock: () => call('POST', '/api/lock', {}) });
      const rss = await peakRssMb(server.child.pid);
      return {
        cases: counts.cases,
        entries: counts.entries,
        unlockToInboxMs,
        unlockToDrawnInboxMs: drawnMs,
        openCaseServerMsP50: round(quantile(openTimes, 0.5), 2),
        openCaseServerMsP95: round(quantile(openTimes, 0.95), 2),
        openCaseServerMsMax: round(Math.max(...openTimes), 2),
        serverPeakRssMb: rss,
      };
    } finally {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
  } finally {
    await removeDir(dir);
  }
}

/**
 * In Debian's Chromium, with the session's cookie: the register locked, the unlock screen drawn,
 * the passphrase typed; from pressing unlock to the inbox drawn with every row (the median of 3).
 */
async function unlockToDrawnInbox({ origin, cookie, passphrase, rows, lock }) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const [name, value] = cookie.split('=');
    await page.setCookie({ name, value, url: origin, httpOnly: true, sameSite: 'Strict' });
    const times = [];
    for (let run = 0; run < 3; run += 1) {
      await lock();
      await page.goto(`${origin}/`, { waitUntil: 'load' });
      const field = await page.waitForSelector('pierce/#passphrase');
      await field.type(passphrase);
      const start = await page.evaluate(() => performance.now());
      await field.press('Enter');
      const drawnAt = await page
        .waitForFunction(
          (count) => {
            const find = (root) => {
              for (const element of root.querySelectorAll('*')) {
                if (element.localName === 'vp-inbox') return element;
                const inner = element.shadowRoot && find(element.shadowRoot);
                if (inner) return inner;
              }
              return null;
            };
            const inbox = find(document);
            return inbox?.shadowRoot?.querySelectorAll('tbody tr').length === count ? performance.now() : false;
          },
          { timeout: 60_000, polling: 'raf' },
          rows,
        )
        .then((handle) => handle.jsonValue());
      times.push(drawnAt - start);
    }
    return round(quantile(times, 0.5));
  } finally {
    await browser.close();
  }
}
