/**
 * The checks a person gets a message for. The same rules as the protocol's schema (which
 * encryptRequest applies again before encrypting), written as small checks so each problem maps
 * to one field and one sentence. In the lazy crypto chunk (see send.ts): they run only once the
 * employee presses send, and without that chunk nothing can be sent anyway.
 */
import { HR_NOTICES, MEETING_PREFERENCES, PHONE_PATTERN } from '@vp-contact/protocol/schema';
import { LIMITS, type Field, type FieldErrors, type FormValues } from './form-values.js';
import type { LateMessages } from './messages.js';
import { nlLate } from './messages-late-nl.js';

const CONTROL = /[\u0000-\u001f\u007f]|[\ud800-\udfff]/u;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f]|[\ud800-\udfff]/u;
// The schema uses valibot's e-mail check; this is the same shape (local@domain.tld) without it.
const EMAIL = /^[\w+-]+(?:\.[\w+-]+)*@[\da-z]+(?:[.-][\da-z]+)*\.[a-z]{2,}$/iu;

/** Checks the values; returns one message per field that needs fixing, in the form's order. */
export function validate(values: FormValues, texts: LateMessages['errors'] | undefined, choices: { regions: string[]; units: string[] }): FieldErrors {
  const t = texts ?? nlLate.errors;
  const errors: FieldErrors = {};
  const line = (field: Field, value: string, max: number) => {
    const text = value.trim();
    if (text.length > max) errors[field] = t.tooLong(max);
    else if (CONTROL.test(text)) errors[field] = t.controlCharacters;
  };
  line('name', values.name, LIMITS.name);
  const phone = values.phone.trim();
  const email = values.email.trim();
  if (!phone && !email) errors.reach = t.reachMissing;
  if (phone && (phone.length > 30 || !PHONE_PATTERN.test(phone) || phone.replace(/\D/g, '').length < 6)) {
    errors.phone = t.phoneInvalid;
  }
  if (email && (email.length > 254 || !EMAIL.test(email))) errors.email = t.emailInvalid;
  line('preferredTimes', values.preferredTimes, LIMITS.preferredTimes);
  if (values.meeting && !(MEETING_PREFERENCES as readonly string[]).includes(values.meeting)) errors.meeting = t.choiceInvalid;
  line('conversationLanguage', values.conversationLanguage, LIMITS.conversationLanguage);
  if (values.region && !choices.regions.includes(values.region)) errors.region = t.choiceInvalid;
  else line('region', values.region, LIMITS.region);
  if (values.unit && !choices.units.includes(values.unit)) errors.unit = t.choiceInvalid;
  else line('unit', values.unit, LIMITS.unit);
  if (values.message.length > LIMITS.message) errors.message = t.tooLong(LIMITS.message);
  else if (CONTROL_EXCEPT_NEWLINE.test(values.message)) errors.message = t.controlCharacters;
  if (!(HR_NOTICES as readonly string[]).includes(values.hrNotice)) errors.hrNotice = t.choiceInvalid;
  if (!values.termsAccepted) errors.terms = t.termsMissing;
  return errors;
}
