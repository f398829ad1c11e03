/**
 * The employer's terms settings (what its contract with the provider says), checked like the rest
 * of the embed: a wrong value is a configuration problem, never a silently different promise to
 * the employee. Each setting changes the texts, and so the termsVersion hash.
 */

/** What HR hears per request: nothing; only that there is one (date, region); or the employee's choice. */
export type HrNoticeSetting = 'none' | 'anonymous' | 'choice';

export interface Terms {
  /** The provider's name: the embed's, else the verified card's; '' for a generic wording. */
  provider: string;
  hrNotice: HrNoticeSetting;
  trendReports: boolean;
  whistleblowerAdviser: boolean;
  integrityUrl: string;
  privacyUrl: string;
  /** The response promise from the embed: a number of hours, or of working days. */
  response: { n: number; days: boolean } | null;
}

export interface TermsInput {
  hrNotice?: string;
  trendReports?: string;
  whistleblowerAdviser?: string;
  integrityUrl?: string;
  privacyUrl?: string;
  providerWeb?: string;
  responseHours?: number | undefined;
  responseWorkingDays?: number | undefined;
}

const HR = ['none', 'anonymous', 'choice'];

/** An http(s) address (relative to the page unless `https` asks for a public one), else null. */
function webAddress(value: string, https: boolean): string | null {
  try {
    const url = new URL(value, https ? undefined : document.baseURI);
    return (https ? url.protocol === 'https:' : /^https?:$/.test(url.protocol)) ? url.href : null;
  } catch {
    return null;
  }
}

/** The settings, and one English line per problem (for the employer, like checkConfig's). */
export function checkTerms(input: TermsInput): { terms: Omit<Terms, 'provider'>; providerWeb: string; problems: string[] } {
  const problems: string[] = [];
  const choice = (name: string, value: string | undefined, allowed: string[], fallback: string) => {
    const v = (value ?? '').trim() || fallback;
    if (!allowed.includes(v)) problems.push(`${name} must be ${allowed.join(' or ')}.`);
    return v;
  };
  const address = (name: string, value: string | undefined, https: boolean) => {
    const v = (value ?? '').trim();
    if (!v) return '';
    const url = webAddress(v, https);
    if (!url) problems.push(`${name} must be a${https ? 'n https://' : ' web'} address.`);
    return url ?? '';
  };
  const count = (name: string, value: number | undefined, max: number) => {
    if (value === undefined || value === null) return 0;
    if (!(Number.isInteger(value) && value >= 1 && value <= max)) problems.push(`${name} must be a whole number from 1 to ${max}.`);
    return value;
  };
  const hours = count('response-hours', input.responseHours, 720);
  const days = count('response-working-days', input.responseWorkingDays, 30);
  if (hours && days) problems.push('Set response-hours or response-working-days, not both.');
  const providerWeb = address('provider-web', input.providerWeb, true);
  return {
    providerWeb,
    terms: {
      hrNotice: choice('hr-notice', input.hrNotice, HR, 'choice') as HrNoticeSetting,
      trendReports: choice('trend-reports', input.trendReports, ['yes', 'no'], 'no') === 'yes',
      whistleblowerAdviser: choice('whistleblower-adviser', input.whistleblowerAdviser, ['yes', 'no'], 'no') === 'yes',
      integrityUrl: address('integrity-url', input.integrityUrl, false),
      privacyUrl: address('privacy-url', input.privacyUrl, true),
      response: days ? { n: days, days: true } : hours ? { n: hours, days: false } : null,
    },
    problems,
  };
}
