/**
 * What the form holds. Its checks are in validate.ts, in the lazy crypto chunk: they run only
 * once the employee presses send, and without that chunk nothing can be sent anyway.
 */
import { MESSAGE_MAX_LENGTH } from '@vp-contact/protocol/schema';

export interface FormValues {
  name: string;
  phone: string;
  email: string;
  preferredTimes: string;
  voicemailAllowed: boolean;
  textMessagesAllowed: boolean;
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
  textMessagesAllowed: false,
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

