// For the tests of the built bundle: no import of the element's sources here (the bundle defines it).
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}
export function equal<T>(actual: T, expected: T, message: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

type Element = HTMLElement & { updateComplete: Promise<boolean> };

export async function setup(keys: string[], fingerprint: string): Promise<{ element: Element; box: string }> {
  const box = `standalone-${Date.now().toString(36)}`;
  await fetch(`/__relay/${box}/setup`, { method: 'POST', body: JSON.stringify({ keys }) });
  const element = document.createElement('vp-contact') as Element;
  element.setAttribute('relay', `${location.origin}/relay`);
  element.setAttribute('mailbox', box);
  element.setAttribute('fingerprints', fingerprint);
  element.setAttribute('provider-phone', '+31 20 000 0000');
  document.body.append(element);
  await customElements.whenDefined('vp-contact');
  await element.updateComplete;
  return { element, box };
}

export async function fillAndSend(element: Element, box: string): Promise<{ body: string }[]> {
  const root = element.shadowRoot!;
  const phone = root.querySelector<HTMLInputElement>('#phone')!;
  phone.focus();
  phone.value = '06 12345678';
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
