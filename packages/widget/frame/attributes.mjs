// Every attribute of <vp-contact> that a frame page or the configurator passes through, with what
// each is for. One list, so the command, the frame page and the configurator cannot drift apart;
// attributes.test.mjs checks it against custom-elements.json, so a new widget attribute fails the
// tests until it is here too.

/**
 * kind: how the value is checked (frame-config.mjs). `frame: false`: meaningless inside a frame
 * page of its own (none yet). Labels: Dutch first, English second.
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
  { name: 'integrity-url', kind: 'link', nl: 'Link naar de meldprocedure (klokkenluidersregeling)', en: 'Link to the whistleblowing procedure' },
  { name: 'regions', kind: 'list', nl: "Regio's (met komma's)", en: 'Regions (comma-separated)' },
  { name: 'units', kind: 'list', nl: "Bedrijfsonderdelen (met komma's)", en: 'Business units (comma-separated)' },
  { name: 'public-key', kind: 'key', nl: 'Publieke sleutel (optioneel, ASCII-armored)', en: 'Public key (optional, ASCII-armored)' },
  { name: 'request-timeout', kind: 'milliseconds', nl: 'Wachttijd in milliseconden', en: 'Timeout in milliseconds' },
]);

export const ATTRIBUTE_NAMES = Object.freeze(WIDGET_ATTRIBUTES.map((attribute) => attribute.name));
