// Every attribute of <vp-contact> that a frame page or the configurator passes through, with what
// each is for. One list, so the command, the frame page and the configurator cannot drift apart;
// attributes.test.mjs checks it against custom-elements.json (a new widget attribute fails the
// tests until it is here too) and the widget README's attribute table.

/**
 * kind: how the value is checked (frame-config.mjs); a 'choice' lists its values in `options`
 * ('' is the widget's default). Labels: Dutch first, English second.
 */
export const WIDGET_ATTRIBUTES = Object.freeze([
  { name: 'relay', kind: 'relay', required: true, nl: 'Adres van de relay', en: 'Relay address' },
  { name: 'mailbox', kind: 'mailbox', required: true, nl: 'Mailbox-id', en: 'Mailbox id' },
  { name: 'fingerprints', kind: 'fingerprints', required: true, nl: 'Vingerafdruk van de sleutel', en: 'Key fingerprint' },
  { name: 'lang', kind: 'lang', nl: 'Taal', en: 'Language' },
  { name: 'provider-name', kind: 'line', nl: 'Naam van de aanbieder', en: "Provider's name" },
  { name: 'provider-phone', kind: 'phone', nl: 'Telefoonnummer van de aanbieder', en: "Provider's phone number" },
  { name: 'provider-email', kind: 'email', nl: 'E-mailadres van de aanbieder', en: "Provider's e-mail address" },
  { name: 'response-hours', kind: 'hours', nl: 'Reactietijd in uren', en: 'Response time in hours' },
  { name: 'response-working-days', kind: 'days', nl: 'Reactietijd in werkdagen (in plaats van uren)', en: 'Response time in working days (instead of hours)' },
  { name: 'provider-web', kind: 'link', nl: 'Website van de aanbieder', en: "Provider's website" },
  { name: 'privacy-url', kind: 'link', nl: 'Link naar de privacyverklaring van de aanbieder', en: "Link to the provider's privacy statement" },
  {
    name: 'hr-notice',
    kind: 'choice',
    options: {
      '': { nl: 'Standaard (de medewerker kiest)', en: 'Default (the employee chooses)' },
      none: { nl: 'Niets', en: 'Nothing' },
      anonymous: { nl: 'Alleen dat er een verzoek is, met datum en regio', en: 'Only that there is a request, with date and region' },
      choice: { nl: 'De medewerker kiest', en: 'The employee chooses' },
    },
    nl: 'Wat HR hoort per verzoek',
    en: 'What HR hears per request',
  },
  {
    name: 'trend-reports',
    kind: 'choice',
    options: { '': { nl: 'Standaard (nee)', en: 'Default (no)' }, yes: { nl: 'Ja', en: 'Yes' }, no: { nl: 'Nee', en: 'No' } },
    nl: 'Mag de vertrouwenspersoon trends zonder namen aan de werkgever melden?',
    en: 'May the counsellor report trends without names to the employer?',
  },
  {
    name: 'whistleblower-adviser',
    kind: 'choice',
    options: { '': { nl: 'Standaard (nee)', en: 'Default (no)' }, yes: { nl: 'Ja', en: 'Yes' }, no: { nl: 'Nee', en: 'No' } },
    nl: 'Is de vertrouwenspersoon ook adviseur voor de klokkenluidersregeling?',
    en: 'Is the counsellor also the adviser for the whistleblowing procedure?',
  },
  { name: 'integrity-url', kind: 'link', nl: 'Link naar de meldprocedure (klokkenluidersregeling)', en: 'Link to the whistleblowing procedure' },
  { name: 'regions', kind: 'list', nl: "Regio's (met komma's)", en: 'Regions (comma-separated)' },
  { name: 'units', kind: 'list', nl: "Bedrijfsonderdelen (met komma's)", en: 'Business units (comma-separated)' },
  { name: 'public-key', kind: 'key', nl: 'Publieke sleutel (optioneel, ASCII-armored)', en: 'Public key (optional, ASCII-armored)' },
  { name: 'request-timeout', kind: 'milliseconds', nl: 'Wachttijd in milliseconden', en: 'Timeout in milliseconds' },
]);

export const ATTRIBUTE_NAMES = Object.freeze(WIDGET_ATTRIBUTES.map((attribute) => attribute.name));
