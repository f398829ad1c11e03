/**
 * Every text the employee or the employer reads: the Dutch ones here, the English ones in
 * messages-en.ts. Plain language (B1), short sentences. Never a promise of absolute
 * confidentiality: the exceptions are named.
 */
import type { MeetingPreference, Topic } from '@vp-contact/protocol/schema';
import type { HrNoticeSetting } from './terms.js';

export type Lang = 'nl' | 'en';

export interface Messages {
  title: string;
  hide: string;
  hideHint: string;
  show: string;
  about: {
    heading: string;
    /** `provider` is '' when neither the embed nor a verified card names it. */
    intro: (provider: string) => string;
    /** "Liever bellen? Bel" before the phone number, and the lead to the public web address. */
    phoneLead: string;
    webLead: string;
    /** Leads into the list of what a vertrouwenspersoon does. */
    doesLead: string;
    does: string[];
    topics: string;
    promises: string[];
    notHeading: string;
    emergency: string;
    notIntegrity: string;
    /** Added to notIntegrity when the counsellor is also the employer's adviser for that procedure. */
    integrityAdviser: string;
    integrityLink: string;
    notInvestigator: string;
  };
  terms: {
    heading: string;
    confidential: string;
    readers: (provider: string) => string;
    /** Leads into the exceptions, a short list, and what follows them. */
    noStep: string;
    exceptions: string[];
    toldFirst: string;
    hr: Record<HrNoticeSetting, string>;
    /** What the employer gets; and what it may also get when the counsellor may report trends. */
    reports: string;
    trends: string;
    response: (n: number, days: boolean) => string;
    privacy: string;
    cannotHeading: string;
    cannot: string[];
  };
  form: {
    heading: string;
    intro: string;
    required: string;
    optional: string;
    oneOf: string;
    name: string;
    nameHint: string;
    reach: string;
    reachHint: string;
    phone: string;
    email: string;
    emailHint: string;
    preferredTimes: string;
    preferredTimesHint: string;
    voicemail: string;
    textMessages: string;
    mayIdentify: string;
    meeting: string;
    meetingOptions: Record<MeetingPreference, string>;
    noChoice: string;
    conversationLanguage: string;
    region: string;
    unit: string;
    unitHint: string;
    topics: string;
    topicOptions: Record<Topic, string>;
    message: string;
    messageHint: string;
    charactersLeft: (n: number) => string;
    urgent: string;
    urgentHint: string;
    hrNotice: string;
    hrNoticeOptions: Record<'anonymous' | 'named', string>;
    termsAccept: string;
    send: string;
    sending: string;
    errorSummary: string;
  };
  failed: {
    heading: string;
    kept: string;
    alternative: string;
    phone: string;
    email: string;
    retry: string;
    /** The crypto-unavailable reason: the others come with the late texts. */
    unavailable: string;
  };
  config: {
    heading: string;
    employee: string;
  };
  /** The late texts, where they load with the rest of the language (English); Dutch ones come with the crypto chunk. */
  late?: LateMessages;
}

/**
 * Texts needed only once the crypto chunk is there: the form's checks, the confirmation, and the
 * reasons a send failed after it started. The Dutch ones live in that chunk (messages-late-nl.ts),
 * so every page view need not load them.
 */
export interface LateMessages {
errors: {
  reachMissing: string;
  phoneInvalid: string;
  emailInvalid: string;
  tooLong: (max: number) => string;
  controlCharacters: string;
  termsMissing: string;
  choiceInvalid: string;
};
sent: {
  heading: string;
  reference: string;
  referenceHint: string;
  /** The promise, or null without one. */
  response: (promise: { n: number; days: boolean } | null) => string;
  next: string[];
  again: string;
};
  reasons: Record<Exclude<FailureReason, 'crypto-unavailable'>, string>;
  /** Instead of failed.kept, when the employee hid the form while the request was on its way. */
  cleared: string;
  /** Leads into the verified card's list of counsellors (there is a card only after a send attempt). */
  counsellors: string;
}

/** What can go wrong while sending; each has its own sentence. Also the vp-error codes. */
export type FailureReason =
  | 'key-not-pinned'
  | 'key-expired'
  | 'key-revoked'
  | 'key-unusable'
  | 'relay-unreachable'
  | 'relay-timeout'
  | 'relay-rejected'
  | 'relay-failed'
  | 'offline'
  | 'crypto-unavailable'
  | 'card-invalid';

const of = (provider: string) => (provider ? ` van ${provider}` : '');

/** The Dutch texts, the default: always in vp-contact.js. */
export const nl: Messages = {
  title: 'Contact met een vertrouwenspersoon',
  hide: 'Verbergen',
  hideHint: 'Wist het formulier en klapt het in.',
  show: 'Contact met een vertrouwenspersoon',
  about: {
    heading: 'Wat doet een vertrouwenspersoon?',
    intro: (provider) => `Een vertrouwenspersoon${of(provider)} helpt je als je op je werk te maken hebt met ongewenst gedrag.`,
    phoneLead: 'Liever bellen? Bel',
    webLead: 'Of kijk op je eigen telefoon of computer op',
    doesLead: 'De vertrouwenspersoon:',
    does: [
      'luistert naar je verhaal;',
      'denkt met je mee over wat je kunt doen;',
      'steunt je bij de stappen die jij kiest;',
      'verwijst je door als je andere hulp nodig hebt;',
      'blijft er ook daarna voor je.',
    ],
    topics:
      'Bijvoorbeeld bij pesten, (seksuele) intimidatie, discriminatie, agressie en geweld of ander ongewenst gedrag.',
    promises: [
      'De vertrouwenspersoon is onafhankelijk van je werkgever.',
      'Jij bepaalt de volgende stap.',
      'Je werkgever hoort niet wat je vertelt.',
    ],
    notHeading: 'Waarvoor niet?',
    emergency: 'Bij direct gevaar bel je 112.',
    notIntegrity:
      'Een vermoeden van een misstand, zoals fraude of gevaar voor de veiligheid, meld je via de klokkenluidersregeling. Daar gelden andere regels.',
    integrityAdviser: 'De vertrouwenspersoon is ook adviseur voor die regeling: je kunt er advies over vragen.',
    integrityLink: 'Naar de meldregeling van je werkgever',
    notInvestigator: 'De vertrouwenspersoon doet geen onderzoek en oordeelt niet over wie gelijk heeft.',
  },
  terms: {
    heading: 'Wat gebeurt er met je verzoek?',
    confidential: 'Wat je vertelt, blijft vertrouwelijk. Ook nadat het contact is afgelopen.',
    readers: (provider) => `Alleen de vertrouwenspersonen${of(provider)} kunnen je verzoek lezen. Je werkgever niet, en ook de beheerder van de server niet.`,
    noStep: 'De vertrouwenspersoon zet geen stap zonder jouw toestemming. Alleen in deze gevallen kan het geheim doorbroken worden:',
    exceptions: [
      'als de wet dat verplicht;',
      'bij ernstig gevaar voor jou of anderen, als er geen andere weg is;',
      'als de vertrouwenspersoon zich moet verdedigen in een klacht of rechtszaak.',
    ],
    toldFirst: 'Dan hoor je dat eerst.',
    hr: {
      choice: 'Je kiest zelf wat HR hoort. Zonder jouw toestemming alleen dat er een verzoek is, met datum en regio. Met jouw toestemming ook je naam.',
      anonymous: 'HR hoort alleen dat er een verzoek is, met datum en regio. Niet je naam.',
      none: 'HR hoort niets over je verzoek.',
    },
    reports: 'Je werkgever krijgt alleen anonieme cijfers, zoals de totalen van een jaar.',
    trends: 'De vertrouwenspersoon kan je werkgever ook wijzen op trends, zonder namen, zodat die maatregelen kan nemen.',
    response: (n, days) => `Een vertrouwenspersoon neemt binnen ${n} ${days ? 'werkdagen' : 'uur'} contact met je op.`,
    privacy: 'Privacyverklaring van de vertrouwenspersonen',
    cannotHeading: 'Waar dit formulier je niet tegen beschermt',
    cannot: [
      'Iemand die op je scherm meekijkt.',
      'Software van je werkgever die meekijkt: op je computer, in het netwerk of op het intranet.',
      'Maak je je daar zorgen over? Gebruik dan een eigen telefoon of computer, of bel.',
    ],
  },
  form: {
    heading: 'Vraag contact aan',
    intro: 'Vul in wat je wilt. Nodig zijn alleen een manier om je te bereiken en een vinkje dat je de uitleg hebt gelezen.',
    required: 'verplicht',
    optional: 'niet verplicht',
    oneOf: 'telefoon of e-mail verplicht',
    name: 'Naam',
    nameHint: 'Je naam, je voornaam of een andere naam.',
    reach: 'Hoe kan de vertrouwenspersoon je bereiken?',
    reachHint: 'Vul een telefoonnummer of een e-mailadres in, of allebei. Een privénummer of privé-adres is het veiligst.',
    phone: 'Telefoonnummer',
    email: 'E-mailadres',
    emailHint: 'Werkmail kan door anderen gelezen worden.',
    preferredTimes: 'Wanneer ben je het best te bereiken?',
    preferredTimesHint: 'Bijvoorbeeld: werkdagen na 17.00 uur.',
    voicemail: 'De vertrouwenspersoon mag een voicemail inspreken',
    textMessages: 'De vertrouwenspersoon mag een sms of ander tekstbericht sturen',
    mayIdentify: 'De vertrouwenspersoon mag zeggen wie hij of zij is als iemand anders opneemt',
    meeting: 'Hoe wil je praten?',
    meetingOptions: {
      phone: 'Telefonisch',
      video: 'Videogesprek',
      'at-work': 'Op het werk',
      'outside-work': 'Buiten het werk',
      'at-home': 'Bij mij thuis',
    },
    noChoice: 'Geen voorkeur',
    conversationLanguage: 'In welke taal wil je praten?',
    region: 'Regio',
    unit: 'Bedrijfsonderdeel',
    unitHint: 'Alleen voor de cijfers zonder namen: hoeveel verzoeken er per onderdeel komen.',
    topics: 'Waar gaat het ongeveer over?',
    topicOptions: {
      bullying: 'Pesten',
      'sexual-harassment': 'Seksuele intimidatie',
      harassment: 'Intimidatie of bedreiging',
      discrimination: 'Discriminatie',
      'aggression-violence': 'Agressie of geweld',
      other: 'Iets anders',
      'not-sure': 'Weet ik niet',
    },
    message: 'Bericht',
    messageHint: 'Kort is goed. Schrijf liever geen namen of details over anderen op: dat kan in het gesprek.',
    charactersLeft: (n) => `Nog ${n} tekens`,
    urgent: 'Het is dringend',
    urgentHint: 'Bij direct gevaar bel je 112. Dit formulier is niet voor noodgevallen.',
    hrNotice: 'Wat mag HR horen?',
    hrNoticeOptions: {
      anonymous: 'Alleen anoniem: datum en regio',
      named: 'Datum en mijn naam',
    },
    termsAccept: 'Ik heb gelezen wat er met mijn verzoek gebeurt',
    send: 'Versleuteld versturen',
    sending: 'Bezig met versleutelen en versturen…',
    errorSummary: 'Er gaat iets mis in het formulier',
  },
  failed: {
    heading: 'Je verzoek is niet verstuurd',
    kept: 'Je tekst staat nog in het formulier.',
    alternative: 'Je kunt het opnieuw proberen, of de vertrouwenspersoon zelf bellen of mailen:',
    phone: 'Telefoon',
    email: 'E-mail',
    retry: 'Opnieuw proberen',
    unavailable: 'Het versleutelen kon niet starten. Daarom is er niets verstuurd.',
  },
  config: {
    heading: 'Dit formulier is niet goed ingesteld',
    employee: 'Het formulier werkt nu niet. Neem op een andere manier contact op met de vertrouwenspersoon.',
  },
};

/** The language for an element: its lang attribute, else the nearest [lang] ancestor, else nl. */
export function resolveLang(element: Element, explicit: string | undefined): Lang {
  const value = explicit || element.closest('[lang]')?.getAttribute('lang') || 'nl';
  return value.toLowerCase().startsWith('en') ? 'en' : 'nl';
}
