// Deliberately imports nothing of OpenPGP (unlike helpers.ts), so the page starts without it.
import '../src/index.js';
import type { VpContact } from '../src/vp-contact.js';

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}

export async function mount(): Promise<VpContact> {
  const element = document.createElement('vp-contact');
  element.setAttribute('relay', `${location.origin}/relay`);
  element.setAttribute('mailbox', 'lazy');
  element.setAttribute('fingerprints', 'a'.repeat(40));
  document.body.append(element);
  await element.updateComplete;
  return element;
}

export function makeKeyless(): void {
  for (const element of document.querySelectorAll('vp-contact')) element.remove();
}
