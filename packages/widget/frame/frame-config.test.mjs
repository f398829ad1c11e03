import { describe, expect, it } from 'vitest';
import { checkAttribute, checkFingerprints, checkFrameConfig, checkOrigin, checkRelay } from './frame-config.mjs';

const FPR = '0123 4567 89AB CDEF 0123  4567 89AB CDEF 0123 4567';
const good = { relay: 'https://relay.voorbeeld.example/', mailbox: 'voorbeeld-bv', fingerprints: FPR };

describe('checkFrameConfig', () => {
  it('answers the checked values: the relay without a trailing slash, fingerprints compact and upper case', () => {
    expect(checkFrameConfig({ attributes: { ...good, 'provider-phone': '+31 20 000 0000', 'response-hours': '48' }, frameAncestors: ['https://intranet.voorbeeld.example'] })).toEqual({
      attributes: {
        relay: 'https://relay.voorbeeld.example',
        mailbox: 'voorbeeld-bv',
        fingerprints: '0123456789ABCDEF0123456789ABCDEF01234567',
        'provider-phone': '+31 20 000 0000',
        'response-hours': '48',
      },
      frameAncestors: ['https://intranet.voorbeeld.example'],
    });
  });

  it('names every wrong field, in Dutch and English, without repeating the value', () => {
    const result = checkFrameConfig({
      attributes: { relay: 'http://relay.voorbeeld.example', mailbox: 'Voorbeeld BV', fingerprints: '0123 4567', 'response-hours': 'soon', colour: 'red' },
      frameAncestors: ['https://intranet.voorbeeld.example/pad'],
    });
    expect(Object.keys(result.errors).sort()).toEqual(['colour', 'fingerprints', 'frame-ancestors', 'mailbox', 'relay', 'response-hours']);
    expect(result.errors.relay.nl).toContain('https://');
    expect(result.errors.relay.en).toContain('https://');
    expect(result.errors.fingerprints.en).toContain('40');
    expect(JSON.stringify(result.errors)).not.toContain('Voorbeeld BV');
    expect(result.attributes).toBeUndefined();
  });

  it('takes the response time in hours or in working days, not both', () => {
    expect(checkFrameConfig({ attributes: { ...good, 'response-hours': '48', 'response-working-days': '2' } }).errors['response-working-days'].en).toContain('not both');
  });

  it('requires relay, mailbox, fingerprints, and an intranet origin for a frame', () => {
    const result = checkFrameConfig({ attributes: {}, frameAncestors: [] });
    expect(Object.keys(result.errors).sort()).toEqual(['fingerprints', 'frame-ancestors', 'mailbox', 'relay']);
  });
});

describe('the single checks', () => {
  it('allows http:// only for this machine', () => {
    expect(checkRelay('http://localhost:8787/').value).toBe('http://localhost:8787');
    expect(checkRelay('ftp://relay.voorbeeld.example').error).toBeDefined();
    expect(checkRelay('relay.voorbeeld.example').error.en).toContain('not a full address');
    expect(checkRelay('https://relay.voorbeeld.example/?x=1').error).toBeDefined();
  });

  it('reads one fingerprint in groups of four, or several separated by commas', () => {
    expect(checkFingerprints(FPR).value).toBe('0123456789ABCDEF0123456789ABCDEF01234567');
    expect(checkFingerprints(`${FPR}, ${'A'.repeat(64)}`).value).toBe(`0123456789ABCDEF0123456789ABCDEF01234567, ${'A'.repeat(64)}`);
    expect(checkFingerprints('0123456789ABCDEF0123456789ABCDEF0123456').error).toBeDefined();
    expect(checkFingerprints('G123456789ABCDEF0123456789ABCDEF01234567').error).toBeDefined();
  });

  it('takes an origin without a path for frame-ancestors', () => {
    expect(checkOrigin('https://intranet.voorbeeld.example/').value).toBe('https://intranet.voorbeeld.example');
    expect(checkOrigin('https://intranet.voorbeeld.example/sites/hr').error).toBeDefined();
  });

  it('refuses invisible characters and asks for full addresses in links (the frame is on another origin)', () => {
    expect(checkAttribute('provider-name', 'Voorbeeld\u202e').error).toBeDefined();
    expect(checkAttribute('integrity-url', '/regelingen/klokkenluiders').error).toBeDefined();
    expect(checkAttribute('integrity-url', 'https://intranet.voorbeeld.example/regelingen#melden').value).toBe('https://intranet.voorbeeld.example/regelingen#melden');
    expect(checkAttribute('lang', 'de').error).toBeDefined();
    expect(checkAttribute('hr-notice', 'anonymous').value).toBe('anonymous');
    expect(checkAttribute('hr-notice', 'sometimes').error.en).toBe('What HR hears per request: choose none, anonymous, choice.');
    expect(checkAttribute('trend-reports', 'yes').value).toBe('yes');
    expect(checkAttribute('response-working-days', '2').value).toBe('2');
    expect(checkAttribute('response-working-days', '31').error).toBeDefined();
    expect(checkAttribute('privacy-url', 'https://vp.voorbeeld.example/privacy').value).toBe('https://vp.voorbeeld.example/privacy');
    expect(checkAttribute('public-key', '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nabc\n-----END PGP PUBLIC KEY BLOCK-----\n').value).toContain('BEGIN');
  });
});
