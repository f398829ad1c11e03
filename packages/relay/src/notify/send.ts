/**
 * Sending one notice to one target: an e-mail over SMTP (nodemailer) or a webhook (an HTTPS POST
 * of a fixed JSON body). A failure becomes a NoticeSendError whose `reason` is fit for the log: an
 * error code or an HTTP status, never a server's answer (it may repeat a recipient's address), the
 * SMTP URL (it may hold a password) or the notice's text.
 */
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { EmailTarget, WebhookTarget } from './config.js';
import type { NoticeText } from './text.js';
import type { NoticeKind } from '../store/notice-ledger.js';

const WEBHOOK_TIMEOUT_MS = 10_000;
const SMTP_TIMEOUT_MS = 20_000;

export class NoticeSendError extends Error {
  constructor(readonly reason: string) {
    super(`The notice could not be sent (${reason}).`);
    this.name = 'NoticeSendError';
  }
}

/** What a webhook receives: always these fields, always this shape (see the provider's guide). */
export interface WebhookBody {
  readonly source: 'vp-relay';
  readonly kind: NoticeKind;
  readonly mailbox: string;
  readonly title: string;
  /** The notice in words; Slack and Teams show `text`, ntfy shows `message`. */
  readonly text: string;
  readonly message: string;
  /** For arrival and reminder notices; null for the rest. */
  readonly waiting: number | null;
  readonly oldestWaitingMinutes: number | null;
  readonly topic?: string;
}

export interface SentNotice {
  readonly kind: NoticeKind;
  readonly displayName: string;
  readonly text: NoticeText;
  readonly waiting: number | null;
  readonly oldestWaitingMinutes: number | null;
}

/** The log's words for an error: its code, or its class, never its message. */
function reasonOf(error: unknown): string {
  const { code, responseCode, name } = (error ?? {}) as { code?: unknown; responseCode?: unknown; name?: unknown };
  const parts: string[] = [];
  if (typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code)) parts.push(code);
  if (typeof responseCode === 'number') parts.push(`SMTP ${responseCode}`);
  if (parts.length === 0) parts.push(name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : typeof name === 'string' && /^\w{1,40}$/.test(name) ? name : 'error');
  return parts.join(', ');
}

export async function sendEmail(target: EmailTarget, notice: SentNotice): Promise<void> {
  const { smtp } = target;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'tls',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    ...(smtp.user === undefined ? {} : { auth: { user: smtp.user, pass: smtp.password ?? '' } }),
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  });
  try {
    await transport.sendMail({
      from: target.from,
      to: [...target.to],
      subject: notice.text.subject,
      text: notice.text.text,
      // Machines reading the mailbox (auto-replies, vacation notices) leave it alone.
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    });
  } catch (error) {
    throw new NoticeSendError(reasonOf(error));
  } finally {
    transport.close();
  }
}

function webhookBody(notice: SentNotice, topic: string | undefined): string {
  const body: WebhookBody = {
    source: 'vp-relay',
    kind: notice.kind,
    mailbox: notice.displayName,
    title: notice.text.subject,
    text: notice.text.text,
    message: notice.text.text,
    waiting: notice.waiting,
    oldestWaitingMinutes: notice.oldestWaitingMinutes,
    ...(topic === undefined ? {} : { topic }),
  };
  return JSON.stringify(body);
}

/** sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">, with the timestamp in X-VP-Timestamp. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export async function sendWebhook(target: WebhookTarget, notice: SentNotice, now: Date): Promise<void> {
  const body = webhookBody(notice, target.topic);
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'vp-relay' };
  if (target.secret !== undefined) {
    headers['X-VP-Timestamp'] = timestamp;
    headers['X-VP-Signature'] = webhookSignature(target.secret, timestamp, body);
  }
  let response: Response;
  try {
    // No redirects: a notice goes where the provider configured it, and nowhere else.
    response = await fetch(target.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    throw new NoticeSendError(reasonOf(cause ?? error));
  }
  await response.body?.cancel().catch(() => {});
  if (response.status < 200 || response.status > 299) {
    throw new NoticeSendError(response.status >= 300 && response.status < 400 ? `HTTP ${response.status} (redirects are not followed)` : `HTTP ${response.status}`);
  }
}
