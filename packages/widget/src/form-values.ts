/**
 * What the form holds, and the checks a person gets a message for. The same rules as the
 * protocol's schema (which encryptRequest applies again before encrypting), written as small
 * checks so each problem maps to one field and one sentence, and the main chunk stays small.
 */
import {
  HR_NOTICES,
  MEETING_PREFERENCES,
  MESSAGE_MAX_LENGTH,
  PHONE_PATTERN,
} from '@vp-contact/protocol/schema';
import type { Messages } from './messages.js';

export interface FormValues {
  name: string;
  phone: string;
  email: string;
  preferredTimes: string;
  voicemailAllowed: boolean;
  mayIdentifyCaller: boolean;
  meeting: string;
  conversationLanguage: string;
  region: string;
  unit: string;
  topics: string[];
  message: string;
  urgent: boolean;
  hrNotice: string;
  termsAccepted: boolean;
}

export const emptyValues = (): FormValues => ({
  name: '',
  phone: '',
  email: '',
  preferredTimes: '',
  voicemailAllowed: false,
  mayIdentifyCaller: false,
  meeting: '',
  conversationLanguage: '',
  region: '',
  unit: '',
  topics: [],
  message: '',
  urgent: false,
  hrNotice: 'anonymous',
  termsAccepted: false,
});

/** The fields an error can belong to; the id of the control it points at is derived from it. */
export type Field = 'reach' | 'name' | 'phone' | 'email' | 'preferredTimes' | 'meeting' | 'conversationLanguage' | 'region' | 'unit' | 'message' | 'hrNotice' | 'terms';
export type FieldErrors = Partial<Record<Field, string>>;

export const LIMITS = { name: 100, preferredTimes: 200, conversationLanguage: 50, region: 100, unit: 100, message: MESSAGE_MAX_LENGTH } as const;

const CONTROL = /[\u0000-\u001f\u007f]|[\ud800-\udfff]/u;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f]|[\ud800-\udfff]/u;
// The schema uses valibot's e-mail check; this is the same shape (local@domain.tld) without it.
const EMAIL = /^[\w+-]+(?:\.[\w+-]+)*@[\da-z]+(?:[.-][\da-z]+)*\.[a-z]{2,}$/iu;

/** Checks the values; returns one message per field that needs fixing, in the form's order. */
export function validate(values: FormValues, t: Messages['errors'], choices: { regions: string[]; units: string[] }): FieldErrors {
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
