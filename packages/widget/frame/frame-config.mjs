// The checks on what a frame page or an embed code pins, shared by the vp-contact-frame command and
// the configurator (it runs in Node and in the browser: no Node imports). Each check answers with
// the value to use, or with an error in Dutch and English that names the field and what to do, and
// never repeats a rejected value (it could be anything pasted).
import { FINGERPRINT_PATTERN, MAILBOX_ID_PATTERN, normalizeFingerprint, UNSAFE_IN_LINE, UNSAFE_IN_TEXT } from '@vp-contact/protocol/http';
import { WIDGET_ATTRIBUTES } from './attributes.mjs';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_LINE = 500;

const fail = (nl, en) => ({ error: { nl, en } });

/** An https:// URL (http:// only for this machine, for trying things out); `what` names it in errors. */
function checkUrl(value, what, { plain = false } = {}) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return fail(`${what.nl}: dit is geen volledig adres. Begin met https://.`, `${what.en}: this is not a full address. Start with https://.`);
  }
  const local = LOOPBACK.has(url.hostname) && url.protocol === 'http:';
  if (url.protocol !== 'https:' && !local) {
    return fail(`${what.nl} moet met https:// beginnen (http:// alleen voor localhost).`, `${what.en} must start with https:// (http:// only for localhost).`);
  }
  if (url.username || url.password || (plain && (url.search || url.hash))) {
    return fail(`${what.nl}: laat gebruikersnaam, wachtwoord, ? en # weg.`, `${what.en}: leave out user name, password, ? and #.`);
  }
  return { value: url };
}

/** The relay's base URL, without a trailing slash. */
export function checkRelay(value) {
  const checked = checkUrl(value.trim(), { nl: 'Het adres van de relay', en: 'The relay address' }, { plain: true });
  return checked.error ? checked : { value: checked.value.href.replace(/\/+$/, '') };
}

export function checkMailbox(value) {
  const mailbox = value.trim();
  if (!MAILBOX_ID_PATTERN.test(mailbox)) {
    return fail(
      'De mailbox-id bestaat uit 1 tot 64 kleine letters, cijfers en streepjes, zoals de aanbieder hem geeft.',
      'The mailbox id is 1 to 64 lower-case letters, digits and dashes, as the provider gives it.',
    );
  }
  return { value: mailbox };
}

/**
 * One or more fingerprints: separated by commas, or (as gpg prints one) in groups of four.
 * Answers the normalized fingerprints, upper case, comma-separated.
 */
export function checkFingerprints(value) {
  const text = value.trim();
  const compact = normalizeFingerprint(text);
  const parts = text.includes(',') ? text.split(',') : FINGERPRINT_PATTERN.test(compact) ? [text] : text.split(/\s+/);
  const fingerprints = parts.map((part) => normalizeFingerprint(part)).filter((part) => part !== '');
  if (fingerprints.length === 0 || !fingerprints.every((fingerprint) => FINGERPRINT_PATTERN.test(fingerprint))) {
    return fail(
      'Een vingerafdruk is 40 (of 64) tekens: cijfers en de letters A tot en met F. Spaties mogen; meerdere scheid je met komma\'s.',
      'A fingerprint is 40 (or 64) characters: digits and the letters A to F. Spaces are fine; separate several with commas.',
    );
  }
  return { value: fingerprints.map((fingerprint) => fingerprint.toUpperCase()).join(', ') };
}

/** An origin that may show the frame (frame-ancestors): scheme, host and port only. */
export function checkOrigin(value) {
  const checked = checkUrl(value.trim(), { nl: 'Het adres van het intranet', en: 'The intranet address' }, { plain: true });
  if (checked.error) return checked;
  const url = checked.value;
  if (url.pathname !== '/' || url.search) {
    return fail(
      'Geef bij het intranet alleen het begin van het adres, zonder pad: bijvoorbeeld https://intranet.voorbeeld.example.',
      'For the intranet give only the start of the address, without a path: for example https://intranet.voorbeeld.example.',
    );
  }
  return { value: url.origin };
}

/** Checks one attribute by its kind; '' (not set) is fine for every optional one. */
export function checkAttribute(name, raw) {
  const attribute = WIDGET_ATTRIBUTES.find((candidate) => candidate.name === name);
  if (!attribute) return fail(`${name} is geen instelling van <vp-contact>.`, `${name} is not a setting of <vp-contact>.`);
  const value = String(raw ?? '');
  const label = { nl: attribute.nl, en: attribute.en };
  if (value.trim() === '') {
    return attribute.required ? fail(`${label.nl} is verplicht.`, `${label.en} is required.`) : { value: '' };
  }
  if (attribute.kind === 'key' ? UNSAFE_IN_TEXT.test(value) : UNSAFE_IN_LINE.test(value) || value.length > MAX_LINE) {
    return fail(`${label.nl}: de tekst bevat onzichtbare tekens of is te lang.`, `${label.en}: the text holds invisible characters or is too long.`);
  }
  switch (attribute.kind) {
    case 'relay':
      return checkRelay(value);
    case 'mailbox':
      return checkMailbox(value);
    case 'fingerprints':
      return checkFingerprints(value);
    case 'lang':
      return ['nl', 'en'].includes(value.trim()) ? { value: value.trim() } : fail('Taal is nl of en.', 'Language is nl or en.');
    case 'choice':
      return Object.hasOwn(attribute.options, value.trim()) && value.trim() !== ''
        ? { value: value.trim() }
        : fail(
            `${label.nl}: kies ${Object.keys(attribute.options).filter(Boolean).join(', ')}.`,
            `${label.en}: choose ${Object.keys(attribute.options).filter(Boolean).join(', ')}.`,
          );
    case 'hours':
    case 'days':
    case 'milliseconds': {
      const max = { hours: 720, days: 30, milliseconds: 120_000 }[attribute.kind];
      const number = Number(value.trim());
      return Number.isInteger(number) && number >= 1 && number <= max
        ? { value: String(number) }
        : fail(`${label.nl}: een heel getal van 1 tot ${max}.`, `${label.en}: a whole number from 1 to ${max}.`);
    }
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())
        ? { value: value.trim() }
        : fail(`${label.nl}: dit is geen e-mailadres.`, `${label.en}: this is not an e-mail address.`);
    case 'phone':
      return /^\+?[0-9 ()-]{6,30}$/.test(value.trim())
        ? { value: value.trim() }
        : fail(`${label.nl}: alleen cijfers, spaties en een + aan het begin.`, `${label.en}: only digits, spaces and a leading +.`);
    case 'link': {
      // A frame page lives on an origin of its own, so a link to the intranet must be a full address.
      const checked = checkUrl(value.trim(), label);
      return checked.error ? checked : { value: checked.value.href };
    }
    default:
      return { value: value.trim() };
  }
}

/**
 * Checks a whole configuration: `attributes` (name -> text) and, for a frame page, `frameAncestors`
 * (origins). Answers { attributes, frameAncestors } with only the set attributes, or { errors }:
 * field name -> { nl, en }.
 */
export function checkFrameConfig({ attributes = {}, frameAncestors } = {}) {
  const errors = {};
  const checked = {};
  for (const name of Object.keys(attributes)) {
    if (!WIDGET_ATTRIBUTES.some((attribute) => attribute.name === name)) errors[name] = checkAttribute(name, '').error;
  }
  for (const { name } of WIDGET_ATTRIBUTES) {
    const result = checkAttribute(name, attributes[name]);
    if (result.error) errors[name] = result.error;
    else if (result.value !== '') checked[name] = result.value;
  }
  if (checked['response-hours'] && checked['response-working-days']) {
    errors['response-working-days'] ??= {
      nl: 'Geef de reactietijd in uren of in werkdagen, niet allebei.',
      en: 'Give the response time in hours or in working days, not both.',
    };
  }
  let origins;
  if (frameAncestors !== undefined) {
    origins = [];
    for (const origin of frameAncestors) {
      const result = checkOrigin(origin);
      if (result.error) errors['frame-ancestors'] ??= result.error;
      else if (!origins.includes(result.value)) origins.push(result.value);
    }
    if (origins.length === 0) {
      errors['frame-ancestors'] ??= {
        nl: 'Geef minstens één adres van het intranet dat het frame mag tonen.',
        en: 'Give at least one intranet address that may show the frame.',
      };
    }
  }
  if (Object.keys(errors).length) return { errors };
  return { attributes: checked, frameAncestors: origins };
}
