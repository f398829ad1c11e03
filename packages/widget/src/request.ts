/**
 * The request built from the form, just before it is encrypted. In the lazy crypto chunk, not the
 * first one: it is needed only once a send starts, and without that chunk nothing is sent anyway.
 */
import {
  hashTerms,
  makeReference,
  TOPICS,
  type ContactRequestInput,
  type HrNotice,
  type MeetingPreference,
  type Topic,
} from '@vp-contact/protocol/schema';
import type { FormValues } from './form-values.js';
import type { Messages } from './messages.js';
import { termsText } from './terms-text.js';
import type { Terms } from './terms.js';

/** What the form does not hold: the language spoken and the terms the employee acknowledged. */
export interface RequestContext {
  language: 'nl' | 'en';
  /** The terms as shown (the texts, the settings) and the employer's additions; hashed into termsVersion. */
  shown: { t: Messages; terms: Terms; extra: string };
}

/** The request to encrypt, with a fresh reference code. */
export async function buildRequest(values: FormValues, context: RequestContext): Promise<ContactRequestInput> {
  return toRequest(values, {
    reference: makeReference(),
    submittedAt: new Date().toISOString(),
    language: context.language,
    termsVersion: await hashTerms(termsText(context.shown.t, context.shown.terms, context.shown.extra)),
  });
}

/** The request as the protocol wants it: empty optional fields left out, text trimmed. */
function toRequest(
  values: FormValues,
  meta: { reference: string; submittedAt: string; language: 'nl' | 'en'; termsVersion: string },
): ContactRequestInput {
  const opt = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const contact: ContactRequestInput['contact'] = {
    phone: opt(values.phone),
    email: opt(values.email),
    preferredTimes: opt(values.preferredTimes),
    voicemailAllowed: values.voicemailAllowed || undefined,
    textMessagesAllowed: values.textMessagesAllowed || undefined,
    mayIdentifyCaller: values.mayIdentifyCaller || undefined,
  };
  const request: ContactRequestInput = {
    version: 1,
    reference: meta.reference,
    submittedAt: meta.submittedAt,
    language: meta.language,
    name: opt(values.name),
    contact,
    meeting: (opt(values.meeting) as MeetingPreference | undefined),
    conversationLanguage: opt(values.conversationLanguage),
    region: opt(values.region),
    unit: opt(values.unit),
    topics: values.topics.length ? TOPICS.filter((topic): topic is Topic => values.topics.includes(topic)) : undefined,
    message: values.message.trim() === '' ? undefined : values.message,
    urgent: values.urgent,
    hrNotice: values.hrNotice as HrNotice,
    termsVersion: meta.termsVersion,
  };
  return strip(request);
}

/** Leaves undefined properties out, so the strict schema and the decrypted JSON match exactly. */
function strip<T extends object>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
