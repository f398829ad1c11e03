import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  ContactRequestSchema,
  EnvelopeSchema,
  REFERENCE_ALPHABET,
  REFERENCE_PATTERN,
  describeIssues,
  hashTerms,
  makeReference,
  normalizeReference,
} from './schema.js';
import { validRequest } from './test-support/fixtures.js';

function issuesOf(input: unknown): string[] {
  const result = v.safeParse(ContactRequestSchema, input);
  return result.success ? [] : result.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`);
}

describe('ContactRequest v1', () => {
  it('accepts a minimal request and defaults hrNotice to anonymous', async () => {
    const result = v.parse(ContactRequestSchema, await validRequest());
    expect(result.hrNotice).toBe('anonymous');
    expect(result.contact.phone).toBe('+31 20 000 0000');
  });

  it('accepts every field filled in', async () => {
    const full = await validRequest({
      language: 'en',
      name: 'Sam',
      contact: {
        phone: '020-0000001',
        email: 'sam@voorbeeld.example',
        preferredTimes: 'weekdays after 17:00',
        voicemailAllowed: false,
        mayIdentifyCaller: true,
      },
      meeting: 'outside-work',
      conversationLanguage: 'Nederlands',
      region: 'Noord',
      unit: 'Logistiek',
      topics: ['bullying', 'discrimination'],
      message: 'Line one\nLine two\twith a tab',
      urgent: true,
      hrNotice: 'named',
    });
    expect(issuesOf(full)).toEqual([]);
  });

  it('needs a phone number or an e-mail address', async () => {
    expect(issuesOf(await validRequest({ contact: { preferredTimes: 'mornings' } }))).toEqual([
      'contact: needs a phone number or an e-mail address',
    ]);
    expect(issuesOf(await validRequest({ contact: { email: 'a@voorbeeld.example' } }))).toEqual([]);
  });

  it.each([
    ['phone', { contact: { phone: 'call me' } }, 'contact.phone'],
    ['phone with too few digits', { contact: { phone: '12-34' } }, 'contact.phone'],
    ['email', { contact: { email: 'not-an-address' } }, 'contact.email'],
    ['reference', { reference: 'K0O-1IL' }, 'reference'],
    ['submittedAt', { submittedAt: 'yesterday' }, 'submittedAt'],
    ['language', { language: 'de' }, 'language'],
    ['empty name', { name: '   ' }, 'name'],
    ['long name', { name: 'x'.repeat(101) }, 'name'],
    ['name with a control character', { name: 'Sam\u0007' }, 'name'],
    ['meeting', { meeting: 'by-carrier-pigeon' }, 'meeting'],
    ['topic', { topics: ['gossip'] }, 'topics.0'],
    ['repeated topic', { topics: ['bullying', 'bullying'] }, 'topics'],
    ['message too long', { message: 'x'.repeat(4001) }, 'message'],
    ['message with a NUL', { message: 'a\u0000b' }, 'message'],
    ['message with a lone surrogate', { message: 'a\ud800b' }, 'message'],
    ['hrNotice', { hrNotice: 'everyone' }, 'hrNotice'],
    ['termsVersion', { termsVersion: 'v1' }, 'termsVersion'],
    ['urgent as text', { urgent: 'yes' }, 'urgent'],
  ])('rejects a bad %s and names the field', async (_label, overrides, path) => {
    const issues = issuesOf({ ...(await validRequest()), ...(overrides as object) });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.startsWith(`${path}:`)).toBe(true);
  });

  it('rejects unknown keys, also inside contact', async () => {
    expect(issuesOf({ ...(await validRequest()), employeeNumber: 42 })[0]).toMatch(/^employeeNumber:/);
    expect(issuesOf({ ...(await validRequest()), contact: { phone: '0200000001', fax: '1' } })[0]).toMatch(
      /^contact.fax:/,
    );
  });

  it('keeps voicemail and text messages as separate permissions, and still reads a request without the newer one', async () => {
    const both = v.parse(ContactRequestSchema, await validRequest({ contact: { phone: '0200000001', voicemailAllowed: false, textMessagesAllowed: true } }));
    expect(both.contact).toMatchObject({ voicemailAllowed: false, textMessagesAllowed: true });
    const older = v.parse(ContactRequestSchema, await validRequest({ contact: { phone: '0200000001', voicemailAllowed: true } }));
    expect(older.contact.textMessagesAllowed).toBeUndefined();
    expect(issuesOf(await validRequest({ contact: { phone: '0200000001', textMessagesAllowed: 'ja' } }))[0]).toMatch(/^contact.textMessagesAllowed: must be true or false/);
  });

  it("accepts hrNotice 'none' (terms where HR hears nothing) beside anonymous and named", async () => {
    expect(v.parse(ContactRequestSchema, await validRequest({ hrNotice: 'none' })).hrNotice).toBe('none');
    expect(issuesOf(await validRequest({ hrNotice: 'nobody' }))).toEqual(['hrNotice: must be anonymous, named or none']);
  });

  it('accepts a message of exactly 4,000 characters', async () => {
    expect(issuesOf(await validRequest({ message: 'é'.repeat(4000) }))).toEqual([]);
  });
});

describe('reference codes', () => {
  it('are made of the alphabet without look-alikes, in the K7P-4QX form', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const reference = makeReference();
      expect(reference).toMatch(REFERENCE_PATTERN);
      seen.add(reference);
    }
    expect(seen.size).toBe(500);
    expect(REFERENCE_ALPHABET).not.toMatch(/[01OIL]/);
  });

  it('normalise what a person typed', () => {
    expect(normalizeReference(' k7p 4qx ')).toBe('K7P-4QX');
    expect(normalizeReference('K7P-4QX')).toBe('K7P-4QX');
    expect(normalizeReference('K7P-4Q')).toBeNull();
    expect(normalizeReference('K0P-4QX')).toBeNull();
  });
});

describe('envelope', () => {
  it('accepts version 1 with an armored message and rejects anything else', () => {
    const ciphertext = '-----BEGIN PGP MESSAGE-----\n\nwcBMA\n-----END PGP MESSAGE-----\n';
    expect(v.safeParse(EnvelopeSchema, { version: 1, ciphertext }).success).toBe(true);
    expect(v.safeParse(EnvelopeSchema, { version: 2, ciphertext }).success).toBe(false);
    expect(v.safeParse(EnvelopeSchema, { version: 1, ciphertext: 'hello' }).success).toBe(false);
    expect(v.safeParse(EnvelopeSchema, { version: 1, ciphertext, note: 'x' }).success).toBe(false);
  });
});

describe('hashTerms', () => {
  it('is the SHA-256 of the UTF-8 text', async () => {
    expect(await hashTerms('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

// Values an attacker may put in a field, hoping an error message carries them to a terminal or a
// log: a screen clear, an OSC 52 clipboard write, a bidi override, C1 controls (CSI, NEL).
const HOSTILE = ['\u001b[2J', '\u001b]52;c;ZXZpbA==\u0007', 'abc\u202egnp.exe', '\u009b31m', 'a\u0085b', 'a\u2066b\u2069'];
const ECHO = /[\u001b\u0007\u009b\u0085\u202e\u2066\u2069]|52;c|ZXZpbA|gnp\.exe|31m/;

describe('hostile values', () => {
  const LINE_FIELDS: [string, (value: string) => object][] = [
    ['name', (value) => ({ name: value })],
    ['contact.phone', (value) => ({ contact: { phone: `+31 20 000 0000${value}` } })],
    ['contact.email', (value) => ({ contact: { email: `naam${value}@voorbeeld.example` } })],
    ['contact.preferredTimes', (value) => ({ contact: { phone: '+31 20 000 0000', preferredTimes: value } })],
    ['conversationLanguage', (value) => ({ conversationLanguage: value })],
    ['region', (value) => ({ region: value })],
    ['unit', (value) => ({ unit: value })],
    ['message', (value) => ({ message: `Hallo\n\t${value}` })],
  ];

  it.each(LINE_FIELDS)('are refused in %s, which the error names without repeating them', async (path, make) => {
    for (const value of HOSTILE) {
      const result = v.safeParse(ContactRequestSchema, { ...(await validRequest()), ...make(value) });
      expect(result.success, JSON.stringify(value)).toBe(false);
      const text = describeIssues(result.issues!);
      expect(text.startsWith(`${path}: `), text).toBe(true);
      expect(text).not.toMatch(ECHO);
    }
  });

  it('C1 controls and bidi characters are refused even where trimming would not touch them', async () => {
    for (const bad of ['\u0080', '\u009f', '\u202a', '\u202d', '\u2067', '\u2068']) {
      expect(issuesOf(await validRequest({ name: `Sam${bad}Jansen` }))[0]).toMatch(/^name: must not contain control characters/);
      expect(issuesOf(await validRequest({ message: `Regel${bad}twee` }))[0]).toMatch(/^message: must not contain control characters/);
    }
  });

  it('in a field of the wrong type, an unknown value or an unknown key are never repeated either', async () => {
    const base = await validRequest();
    for (const value of HOSTILE) {
      const inputs: unknown[] = [
        value,
        [value],
        { ...base, language: value },
        { ...base, meeting: value },
        { ...base, topics: [value] },
        { ...base, hrNotice: value },
        { ...base, version: value },
        { ...base, urgent: value },
        { ...base, reference: value },
        { ...base, submittedAt: value },
        { ...base, termsVersion: value },
        { ...base, contact: value },
        { ...base, contact: { phone: '+31 20 000 0000', [value]: 1 } },
        { ...base, [value]: value },
      ];
      for (const input of inputs) {
        const result = v.safeParse(ContactRequestSchema, input);
        expect(result.success).toBe(false);
        const text = describeIssues(result.issues!);
        expect(text).not.toMatch(ECHO);
        expect(text).not.toMatch(/but received/);
      }
    }
  });

  it('an unknown key with a plain name is named, one with an unusable name is not', async () => {
    const named = v.safeParse(ContactRequestSchema, { ...(await validRequest()), employeeNumber: 1 });
    expect(describeIssues(named.issues!)).toBe('employeeNumber: is not a known field');
    const unnamed = v.safeParse(ContactRequestSchema, { ...(await validRequest()), '\u001b[2J': 1 });
    expect(describeIssues(unnamed.issues!)).toBe('(a field with an unusable name): is not a known field');
  });

  it("describeIssues drops valibot's default messages, which quote the input, from any schema", () => {
    // A schema written without messages of its own, as a caller's config schema may be.
    const schema = v.object({ relay: v.string(), lang: v.picklist(['nl', 'en']), retries: v.number(), list: v.array(v.string()) });
    for (const value of HOSTILE) {
      const result = v.safeParse(schema, { relay: 5, lang: value, retries: value, list: value });
      expect(result.issues!.some((issue) => issue.message.includes('received'))).toBe(true);
      expect(describeIssues(result.issues!)).toBe(
        'relay: must be text; lang: must be one of the allowed values; retries: must be a number; list: must be a list',
      );
      expect(describeIssues(v.safeParse(schema, value).issues!)).toBe('must be an object');
    }
  });

  it('the envelope names what is wrong without repeating it', () => {
    const result = v.safeParse(EnvelopeSchema, { version: '\u001b[2J', ciphertext: '\u001b]52;c;ZXZpbA==\u0007' });
    expect(describeIssues(result.issues!)).toBe('version: must be 1; ciphertext: must be an ASCII-armored OpenPGP message');
  });
});
