// Checks every answer a test gets against the shared HTTP contract (@vp-contact/protocol/http):
// the descriptor, the 202 receipt, the request page and every error body, so the relay cannot
// drift from what the widget and the counsellor tools parse.
import type { Hono } from 'hono';
import * as v from 'valibot';
import {
  describeContractIssues,
  ErrorBodySchema,
  MailboxDescriptorSchema,
  ReceiptSchema,
  RELAY_ERROR_CODES,
  RequestPageSchema,
} from '@vp-contact/protocol/http';

/** What the checks saw: a test asserts that each kind was met, so the checks did run. */
export interface ContractTally {
  descriptors: number;
  receipts: number;
  pages: number;
  /** Error codes seen, each one parsed with ErrorBodySchema and in RELAY_ERROR_CODES. */
  readonly errorCodes: Set<string>;
}

export function contractTally(): ContractTally {
  return { descriptors: 0, receipts: 0, pages: 0, errorCodes: new Set() };
}

const MAILBOX = /^\/v1\/mailboxes\/[^/]+$/;
const REQUESTS = /^\/v1\/mailboxes\/[^/]+\/requests$/;
const codes: ReadonlySet<string> = new Set(RELAY_ERROR_CODES);

function parse<T extends v.GenericSchema>(schema: T, body: unknown, what: string): v.InferOutput<T> {
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) throw new Error(`${what} breaks the HTTP contract: ${describeContractIssues(parsed.issues)}`);
  return parsed.output;
}

/** Throws when the answer to `method path` is not what the contract says it is. */
export async function checkAnswer(method: string, path: string, response: Response, tally: ContractTally): Promise<void> {
  if (method === 'HEAD' || method === 'OPTIONS') return;
  const text = await response.clone().text();
  if (response.status >= 400) {
    const body = parse(ErrorBodySchema, JSON.parse(text), `The ${response.status} body of ${method} ${path}`);
    if (!codes.has(body.error.code)) throw new Error(`The error code ${body.error.code} of ${method} ${path} is not in RELAY_ERROR_CODES.`);
    tally.errorCodes.add(body.error.code);
  } else if (method === 'GET' && response.status === 200 && MAILBOX.test(path)) {
    parse(MailboxDescriptorSchema, JSON.parse(text), `The descriptor of ${path}`);
    tally.descriptors++;
  } else if (method === 'POST' && response.status === 202 && REQUESTS.test(path)) {
    parse(ReceiptSchema, JSON.parse(text), `The receipt of ${path}`);
    tally.receipts++;
  } else if (method === 'GET' && response.status === 200 && REQUESTS.test(path)) {
    parse(RequestPageSchema, JSON.parse(text), `The request page of ${path}`);
    tally.pages++;
  }
}

/** The app, with every app.request() answer checked by checkAnswer before the test sees it. */
export function contractChecked<T extends Hono>(app: T, tally: ContractTally): T {
  const request = app.request as (input: string | Request | URL, init?: RequestInit, ...rest: unknown[]) => Response | Promise<Response>;
  const checked = async (input: string | Request | URL, init?: RequestInit, ...rest: unknown[]): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://relay.test');
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const response = await request(input, init, ...rest);
    await checkAnswer(method, url.pathname, response, tally);
    return response;
  };
  app.request = checked;
  return app;
}
