// Real receivers for the notice tests, on loopback: an SMTP server (smtp-server) that parses every
// message it takes with mailparser, and an HTTP server that takes webhook POSTs.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export const SMTP_USER = 'relay';
export const SMTP_PASSWORD = 'geheim-smtp-wachtwoord-93';

export interface ReceivedMail {
  readonly parsed: ParsedMail;
  /** The message as it came over the wire, headers and all. */
  readonly raw: string;
  readonly envelopeTo: readonly string[];
}

export interface SmtpReceiver {
  readonly port: number;
  readonly mails: ReceivedMail[];
  /** Resolves once `count` messages have arrived. */
  waitFor(count: number): Promise<void>;
  close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1:`port` (0: a free one) that wants SMTP_USER / SMTP_PASSWORD. */
export async function startSmtpReceiver(port = 0, mails: ReceivedMail[] = []): Promise<SmtpReceiver> {
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    // Loopback only, so no STARTTLS here: the relay's config says tls "none", allowed for loopback only.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            mails.push({ parsed, raw: raw.toString('utf8'), envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
            for (const w of [...waiters]) {
              if (mails.length >= w.count) {
                waiters.splice(waiters.indexOf(w), 1);
                w.resolve();
              }
            }
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server as unknown as { server: Server }).server.address() as AddressInfo;
  return {
    port: bound.port,
    mails,
    waitFor(count) {
      if (mails.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface ReceivedHook {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly hooks: ReceivedHook[];
  /** The status the next POSTs get; 204 by default. */
  status: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const hooks: ReceivedHook[] = [];
  const receiver: { status: number } = { status: 204 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(receiver.status, receiver.status >= 300 && receiver.status < 400 ? { Location: 'https://elders.voorbeeld.example/' } : {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hook`,
    hooks,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
