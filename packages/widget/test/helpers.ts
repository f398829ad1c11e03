/** Helpers for the browser tests: assertions, a test key, a stub relay mailbox, form filling. */
import * as openpgp from 'openpgp';
import '../src/index.js';
import type { VpContact } from '../src/vp-contact.js';

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}

export function equal<T>(actual: T, expected: T, message: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message}: expected ${e}, got ${a}`);
}

export interface TestKey {
  publicKey: string;
  privateKey: string;
  fingerprint: string;
}

/** Armored public key -> its private key, for the keys that can sign a mailbox card. */
const cardSigners = new Map<string, string>();

export async function makeKey(options: { expired?: boolean; revoked?: boolean; signOnly?: boolean } = {}): Promise<TestKey> {
  const generated = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'Vertrouwenspersonen Voorbeeld', email: 'vp@voorbeeld.example' }],
    format: 'armored',
    // An expired key: made a minute ago, valid for one second. Others were made a day ago, so a
    // card issued earlier today (or one that expired an hour ago) can be signed with them.
    ...(options.expired ? { date: new Date(Date.now() - 60_000), keyExpirationTime: 1 } : { date: new Date(Date.now() - 86_400_000) }),
    // A key that can only sign: no encryption subkey.
    ...(options.signOnly ? { subkeys: [] } : {}),
  });
  const { privateKey } = generated;
  let { publicKey } = generated;
  if (options.revoked) {
    const key = await openpgp.readPrivateKey({ armoredKey: privateKey });
    ({ publicKey } = await openpgp.revokeKey({ key, format: 'armored' }));
  }
  const key = await openpgp.readKey({ armoredKey: publicKey });
  if (!options.expired && !options.revoked && !options.signOnly) cardSigners.set(publicKey, privateKey);
  return { publicKey, privateKey, fingerprint: key.getFingerprint() };
}

/**
 * A mailbox card for the stub relay to sign in Node (web-test-runner.config.mjs): the private key
 * and whatever differs from a valid card; or an armored card as it is.
 */
type CardSpec = string | ({ privateKey: string; tamper?: boolean; date?: string } & Record<string, unknown>);

export interface MailboxSetup {
  /** The cards the descriptor serves; by default one valid card by each served key that can sign one. */
  cards?: CardSpec[];
  /** The descriptor's (unsigned) contact details. */
  contact?: { phone?: string; email?: string };
}

let counter = 0;
/** A fresh mailbox on the stub relay (web-test-runner.config.mjs) holding these keys. */
export async function mailbox(keys: string[], mode = 'ok', setup: MailboxSetup = {}): Promise<string> {
  counter += 1;
  const name = `box-${Date.now().toString(36)}-${counter}`;
  await setupMailbox(name, keys, mode, setup);
  return name;
}

export async function setupMailbox(name: string, keys: string[], mode = 'ok', setup: MailboxSetup = {}): Promise<void> {
  const cards = setup.cards ?? keys.flatMap((key) => (cardSigners.has(key) ? [{ privateKey: cardSigners.get(key)! }] : []));
  const response = await fetch(`/__relay/${name}/setup`, { method: 'POST', body: JSON.stringify({ keys, mode, cards, contact: setup.contact }) });
  assert(response.ok, 'stub relay set up');
}

export interface Received {
  body: string;
  contentType?: string;
  cookie?: string;
  referer?: string;
  rejected?: boolean;
  /** The key ids the posted ciphertext is encrypted to, as the stub read them. */
  recipients?: string[];
}

export async function received(name: string): Promise<Received[]> {
  return (await fetch(`/__relay/${name}/received`)).json() as Promise<Received[]>;
}

/** Lets the stub relay answer what it holds for this mailbox (modes hold-get and hold-post). */
export async function release(name: string): Promise<void> {
  assert((await fetch(`/__relay/${name}/release`, { method: 'POST' })).ok, 'stub relay released');
}

/** Polls until `condition` holds (the stub relay or the element got somewhere); fails after a long while. */
export async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 800; i += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}

/** The element's send controller (private): its phase, the send under way, the crypto chunk once there. */
function sender(element: VpContact): { phase: string; inFlight?: unknown; loaded: unknown } {
  return (element as unknown as { sender: { phase: string; inFlight?: unknown; loaded: unknown } }).sender;
}

/** Resolves once no send is under way any more, also one the employee no longer sees (after hide). */
export async function sendEnded(element: VpContact): Promise<void> {
  await until(() => sender(element).inFlight === undefined, 'the send ended');
  await element.updateComplete;
}

export const RELAY = `${location.origin}/relay`;

export async function mount(attributes: Record<string, string>, children = ''): Promise<VpContact> {
  const element = document.createElement('vp-contact');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.innerHTML = children;
  document.body.append(element);
  await element.updateComplete;
  return element;
}

export function cleanup(): void {
  for (const element of document.querySelectorAll('vp-contact')) element.remove();
}

export function $<T extends Element = HTMLElement>(element: VpContact, selector: string): T {
  const found = element.shadowRoot!.querySelector<T>(selector);
  assert(found, `${selector} is in the shadow root`);
  return found;
}

export function maybe(element: VpContact, selector: string): Element | null {
  return element.shadowRoot!.querySelector(selector);
}

/** Types into a field as a person would (value, then the input event the element listens to). */
export async function type(element: VpContact, id: string, value: string): Promise<void> {
  const field = $<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(element, `#${id}`);
  field.focus();
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

export async function check(element: VpContact, id: string, checked = true): Promise<void> {
  const box = $<HTMLInputElement>(element, `#${id}`);
  if (box.checked !== checked) box.click();
  await element.updateComplete;
}

/**
 * Presses send, and waits until the form's checks (in the crypto chunk, loaded on idle) have run:
 * then the errors show, or the send is under way or over.
 */
export async function submit(element: VpContact): Promise<void> {
  const s = sender(element);
  const phase = s.phase;
  $<HTMLButtonElement>(element, 'button.send').click();
  await until(() => s.loaded !== null || s.phase !== phase, 'the form was checked, or the send started');
  // A task later: the checks' result (or the send's first step) is applied.
  await new Promise((resolve) => setTimeout(resolve, 0));
  await element.updateComplete;
}

/** Resolves when the element has settled after sending (sent or failed). */
export async function settled(element: VpContact): Promise<void> {
  for (let i = 0; i < 400; i += 1) {
    await element.updateComplete;
    const phase = sender(element).phase;
    if (phase !== 'sending') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the element never finished sending');
}

export function text(element: VpContact): string {
  return (element.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
}

interface AxeResults {
  violations: { id: string; help: string; nodes: { target: unknown }[] }[];
}
declare global {
  interface Window {
    axe: { run(context: Element | Document, options?: object): Promise<AxeResults> };
  }
}

export async function expectNoAxeViolations(element: VpContact, state: string): Promise<void> {
  await import('axe-core');
  const results = await window.axe.run(element, { resultTypes: ['violations'] });
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  equal(summary, [], `axe finds no violations (${state})`);
}
