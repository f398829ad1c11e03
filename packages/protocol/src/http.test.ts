import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  describeContractIssues,
  ErrorBodySchema,
  MAILBOX_ID_PATTERN,
  MailboxCardSchema,
  MailboxDescriptorSchema,
  normalizeFingerprint,
  ReceiptSchema,
  RequestPageSchema,
  UNSAFE_IN_LINE,
  UNSAFE_IN_TEXT,
} from './http.js';

const FPR = 'a'.repeat(40);
const card = {
  version: 1,
  mailbox: 'voorbeeld-bv',
  displayName: 'Vertrouwenspersonen Voorbeeld',
  contact: { phone: '+31 20 000 0000', email: 'vp@voorbeeld.example' },
  responseHours: 48,
  encryptionKeys: [FPR.toUpperCase()],
  issuedAt: '2026-11-30T12:00:00Z',
  expiresAt: '2027-11-30T12:00:00Z',
};

describe('the HTTP contract', () => {
  it('takes the mailbox ids the relay takes, and no others', () => {
    expect(MAILBOX_ID_PATTERN.test('voorbeeld-bv')).toBe(true);
    for (const id of ['Voorbeeld', 'voorbeeld.bv', 'voorbeeld_bv', '', 'a'.repeat(65)]) expect(MAILBOX_ID_PATTERN.test(id)).toBe(false);
  });

  it('normalises fingerprints as gpg prints them', () => {
    expect(normalizeFingerprint('0xAAAA BBBB\u00a0cccc')).toBe('aaaabbbbcccc');
  });

  it('refuses C1 controls and bidi overrides in a line, allows line breaks only in text', () => {
    for (const bad of ['\u0085', '\u009b', '\u202e', '\u2066', '\u0007', '\ud800']) expect(UNSAFE_IN_LINE.test(`a${bad}b`)).toBe(true);
    expect(UNSAFE_IN_LINE.test('a\nb')).toBe(true);
    expect(UNSAFE_IN_TEXT.test('a\nb\tc\r\n')).toBe(false);
    expect(UNSAFE_IN_TEXT.test('a\u202eb')).toBe(true);
    expect(UNSAFE_IN_LINE.test('Zoë 👩‍👩‍👧 שלום')).toBe(false);
  });

  it('accepts a card and normalises its fingerprints', () => {
    const parsed = v.parse(MailboxCardSchema, card);
    expect(parsed.encryptionKeys).toEqual([FPR]);
  });

  it('accepts a card with counsellors, and an older card without them', () => {
    const counsellors = [{ name: 'Anna de Vries', region: 'Noord', languages: ['nl', 'en'] }, { name: 'Sam Jansen' }];
    expect(v.parse(MailboxCardSchema, { ...card, counsellors }).counsellors).toEqual(counsellors);
    expect(v.parse(MailboxCardSchema, card).counsellors).toBeUndefined();
  });

  it('refuses counsellors with unsafe text, a bad language or too many of them, and names the field', () => {
    const issues = (input: unknown) => {
      const result = v.safeParse(MailboxCardSchema, { ...card, counsellors: input });
      return result.success ? '' : describeContractIssues(result.issues);
    };
    expect(issues([{ name: 'Anna\u202e' }])).toMatch(/counsellors\.0\.name must not contain control/);
    expect(issues([{ name: 'Anna', region: '' }])).toMatch(/counsellors\.0\.region must not be empty/);
    expect(issues([{ name: 'Anna', languages: ['Nederlands'] }])).toMatch(/counsellors\.0\.languages\.0 must be a language code/);
    expect(issues(Array.from({ length: 21 }, (_, i) => ({ name: `VP ${i}` })))).toMatch(/counsellors must name at most 20 counsellors/);
  });

  it('refuses a card valid for more than a year, or that ends before it starts', () => {
    expect(v.safeParse(MailboxCardSchema, { ...card, expiresAt: '2028-01-01T00:00:00Z' }).success).toBe(false);
    expect(v.safeParse(MailboxCardSchema, { ...card, expiresAt: card.issuedAt }).success).toBe(false);
  });

  it('refuses the receivedAt that crashed pull, and says why without repeating it', () => {
    const result = v.safeParse(RequestPageSchema, {
      items: [{ id: 'abc', receivedAt: '0000-01-01T00:00:00+01:00', ciphertext: '-----BEGIN PGP MESSAGE-----' }],
      nextCursor: null,
    });
    expect(result.success).toBe(false);
    const text = describeContractIssues(result.issues!);
    expect(text).toBe('items.0.receivedAt must be a UTC time such as 2026-11-30T14:05:00Z');
  });

  it('names the field and the rule of a wrong type, never the value', () => {
    const result = v.safeParse(ErrorBodySchema, { error: { code: '\u001b[2J', message: 5 } });
    expect(result.success).toBe(false);
    const text = describeContractIssues(result.issues!);
    expect(text).toContain('error.code must not contain control characters or characters that change the reading direction');
    expect(text).toContain('error.message must be text');
    expect(text).not.toContain('\u001b');
  });

  it('defaults a descriptor without cards to none', () => {
    const parsed = v.parse(MailboxDescriptorSchema, {
      id: 'voorbeeld-bv',
      displayName: 'Voorbeeld',
      contact: {},
      publicKeys: ['-----BEGIN PGP PUBLIC KEY BLOCK-----'],
      fingerprints: [FPR],
      responseHours: 48,
    });
    expect(parsed.cards).toEqual([]);
  });
});

describe('describeContractIssues with hostile values', () => {
  const ECHO = /[\u001b\u0007\u009b\u202e]|52;c|ZXZpbA/;
  it('never repeats a value, whatever its type or place', () => {
    for (const value of ['\u001b[2J', '\u001b]52;c;ZXZpbA==\u0007', '\u202eabc', '\u009b31m']) {
      for (const [schema, input] of [
        [ReceiptSchema, value],
        [ReceiptSchema, { id: value, receivedAt: value }],
        [ReceiptSchema, { id: [value], receivedAt: { value } }],
        [ErrorBodySchema, { error: value }],
        [MailboxCardSchema, { ...card, version: value, mailbox: value, encryptionKeys: [value], contact: { phone: value } }],
        [MailboxDescriptorSchema, { id: value, cards: [5], publicKeys: value }],
      ] as const) {
        const result = v.safeParse(schema, input);
        expect(result.success).toBe(false);
        const text = describeContractIssues(result.issues!);
        expect(text).not.toMatch(ECHO);
        expect(text).not.toMatch(/but received/);
      }
    }
  });
});
