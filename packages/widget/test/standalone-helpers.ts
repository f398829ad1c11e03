// For the tests of the built bundle: no import of the element's sources here (the bundle defines it).
import { signMailboxCard } from '@vp-contact/protocol';
import * as openpgp from 'openpgp';
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}
export function equal<T>(actual: T, expected: T, message: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

type Element = HTMLElement & { updateComplete: Promise<boolean> };

let boxes = 0;

/** A key made a day ago, so the stub relay can sign a mailbox card issued earlier today with it. */
export async function makeKey(curve: 'curve25519Legacy' | 'brainpoolP256r1' = 'curve25519Legacy'): Promise<{ publicKey: string; privateKey: string }> {
  const date = new Date(Date.now() - 86_400_000);
  return openpgp.generateKey({ type: 'ecc', curve, userIDs: [{ email: 'vp@voorbeeld.example' }], date, format: 'armored' });
}

/**
 * A valid mailbox card for `mailbox`, signed here in the browser (Node's openpgp.js cannot sign
 * with brainpool keys, which these tests use): issued a minute ago, valid 30 days.
 */
async function makeCard(mailbox: string, armoredKey: string): Promise<string> {
  const key = await openpgp.readPrivateKey({ armoredKey });
  const issuedAt = new Date(Date.now() - 60_000);
  const card = {
    version: 1 as const,
    mailbox,
    displayName: 'Vertrouwenspersonen Voorbeeld',
    contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
    responseHours: 48,
    encryptionKeys: [(await key.getEncryptionKey()).getFingerprint()],
    issuedAt: issuedAt.toISOString(),
    expiresAt: new Date(issuedAt.getTime() + 30 * 86_400_000).toISOString(),
  };
  return signMailboxCard(card, key, { date: issuedAt });
}

/**
 * A fresh stub relay mailbox serving `keys`, and the element pointed at it. With `privateKey`, it
 * also serves a valid mailbox card signed with it (the widget sends nothing without one).
 */
export async function setup(keys: string[], fingerprint: string, attributes: Record<string, string> = {}, privateKey?: string): Promise<{ element: Element; box: string }> {
  boxes += 1;
  const box = `standalone-${Date.now().toString(36)}-${boxes}`;
  const cards = privateKey ? [await makeCard(box, privateKey)] : [];
  await fetch(`/__relay/${box}/setup`, { method: 'POST', body: JSON.stringify({ keys, cards }) });
  const element = document.createElement('vp-contact') as Element;
  element.setAttribute('relay', `${location.origin}/relay`);
  element.setAttribute('mailbox', box);
  element.setAttribute('fingerprints', fingerprint);
  element.setAttribute('provider-phone', '+31 20 000 0000');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  await customElements.whenDefined('vp-contact');
  await element.updateComplete;
  return { element, box };
}

export async function fillAndSend(element: Element, box: string): Promise<{ body: string }[]> {
  const root = element.shadowRoot!;
  const phone = root.querySelector<HTMLInputElement>('#phone')!;
  phone.focus();
  phone.value = '+31 20 000 0001';
  phone.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  const message = root.querySelector<HTMLTextAreaElement>('#message')!;
  message.value = 'SENTINEL-991';
  message.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  root.querySelector<HTMLInputElement>('#termsAccepted')!.click();
  await element.updateComplete;
  root.querySelector<HTMLButtonElement>('button.send')!.click();
  for (let i = 0; i < 400 && !root.querySelector('.sent, .failure'); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return (await fetch(`/__relay/${box}/received`)).json() as Promise<{ body: string }[]>;
}

export function text(element: Element): string {
  return (element.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
}

/** The modulepreload links the widget added for files whose name starts with `prefix`. */
export function preloads(prefix: string): HTMLLinkElement[] {
  return [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].filter((link) =>
    new URL(link.href).pathname.split('/').pop()!.startsWith(prefix),
  );
}

/**
 * Sends a request to a fresh mailbox holding `publicKey` and a card signed by it, with its
 * fingerprint pinned, and checks that exactly one post went out and that it held only ciphertext.
 */
export async function sendToKey({ publicKey, privateKey }: { publicKey: string; privateKey: string }): Promise<Element> {
  const fingerprint = (await openpgp.readKey({ armoredKey: publicKey })).getFingerprint();
  const { element, box } = await setup([publicKey], fingerprint, {}, privateKey);
  const posts = await fillAndSend(element, box);
  assert(element.shadowRoot!.querySelector('.sent'), 'sent');
  equal(posts.length, 1, 'one post');
  assert(posts[0]!.body.includes('BEGIN PGP MESSAGE') && !posts[0]!.body.includes('SENTINEL-991'), 'only ciphertext');
  return element;
}

/** A module path the type checker must not resolve: a built or served file, or a source loaded a second time. */
export const bundle = (path: string): string => path;
