/**
 * Every text the employee or the employer reads: the Dutch ones here, the English ones in
 * messages-en.ts. Plain language (B1), short sentences. Never a promise of absolute
 * confidentiality: the exceptions are named.
 */
import type { HrNotice, MeetingPreference, Topic } from '@vp-contact/protocol/schema';

export type Lang = 'nl' | 'en';

export interface Messages {
  title: string;
  hide: string;
  hideHint: string;
  show: string;
  about: {
    heading: string;
    /** Stands in for the provider's name when the embed gives none. */
    service: string;
    intro: (provider: string) => string;
    /** Leads into the list of what a vertrouwenspersoon does. */
    doesLead: string;
    does: string[];
    topics: string;
    promises: string[];
    notHeading: string;
    emergency: string;
    notIntegrity: string;
    integrityLink: string;
    notInvestigator: string;
  };
  terms: {
    heading: string;
    items: string[];
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
    mayIdentify: string;
    meeting: string;
    meetingOptions: Record<MeetingPreference, string>;
    noChoice: string;
    conversationLanguage: string;
    region: string;
    unit: string;
    topics: string;
    topicOptions: Record<Topic, string>;
    message: string;
    messageHint: string;
    charactersLeft: (n: number) => string;
    urgent: string;
    urgentHint: string;
    hrNotice: string;
    hrNoticeHint: string;
    hrNoticeOptions: Record<HrNotice, string>;
    termsAccept: string;
    send: string;
    sending: string;
  };
  errors: {
    summary: string;
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
    response: (hours: number | null) => string;
    next: string[];
    again: string;
  };
  failed: {
    heading: string;
    kept: string;
    /** Instead of kept, when the employee hid the form while the request was on its way. */
    cleared: string;
    alternative: string;
    phone: string;
    email: string;
    retry: string;
    reasons: Record<FailureReason, string>;
  };
  config: {
    heading: string;
    employee: string;
  };
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

/** The Dutch texts, the default: always in vp-contact.js. */
export const nl: Messages = {
  title: 'Contact met een vertrouwenspersoon',
  hide: 'Verbergen',
  hideHint: 'Wist het formulier en klapt het in.',
  show: 'Contact met een vertrouwenspersoon',
  about: {
    heading: 'Wat doet een vertrouwenspersoon?',
    service: 'de dienst',
    intro: (provider) =>
      `Een vertrouwenspersoon van ${provider} helpt je als je op je werk te maken hebt met ongewenst gedrag.`,
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
      'Er gebeurt niets zonder jouw toestemming. Jij bepaalt de volgende stap.',
      'Je werkgever hoort niet wat je vertelt. Zonder jouw toestemming krijgt die alleen anonieme cijfers, zoals de totalen van een jaar.',
    ],
    notHeading: 'Waarvoor niet?',
    emergency: 'Bij direct gevaar bel je 112.',
    notIntegrity:
      'Een vermoeden van een misstand, zoals fraude of gevaar voor de veiligheid, meld je via de klokkenluidersregeling. Daar gelden andere regels.',
    integrityLink: 'Naar de meldregeling van je werkgever',
    notInvestigator: 'De vertrouwenspersoon doet geen onderzoek en oordeelt niet over wie gelijk heeft.',
  },
  terms: {
    heading: 'Wat gebeurt er met je verzoek?',
    items: [
      'Wat je vertelt, blijft vertrouwelijk. Ook nadat het contact is afgelopen.',
      'Alleen de vertrouwenspersonen van de dienst kunnen je verzoek lezen. Je werkgever niet, en ook de beheerder van de server niet.',
      'Soms moet een vertrouwenspersoon het geheim doorbreken: als de wet dat verplicht, of bij ernstig gevaar voor jou of anderen als er geen andere weg is. Dan hoor je dat altijd eerst. Ook kan het nodig zijn als de vertrouwenspersoon zich moet verdedigen in een klacht of rechtszaak.',
      'Je kiest zelf wat HR hoort. Zonder jouw toestemming alleen dat er een verzoek is, met datum en regio. Met jouw toestemming ook je naam.',
    ],
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
    reach: 'Hoe kunnen we je bereiken?',
    reachHint: 'Vul een telefoonnummer of een e-mailadres in, of allebei. Een privénummer of privé-adres is het veiligst.',
    phone: 'Telefoonnummer',
    email: 'E-mailadres',
    emailHint: 'Werkmail kan door anderen gelezen worden.',
    preferredTimes: 'Wanneer kunnen we je het best bereiken?',
    preferredTimesHint: 'Bijvoorbeeld: werkdagen na 17.00 uur.',
    voicemail: 'De vertrouwenspersoon mag een bericht inspreken of sturen',
    mayIdentify: 'De vertrouwenspersoon mag zeggen waar hij of zij vandaan belt als iemand anders opneemt',
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
    unit: 'Afdeling',
    topics: 'Waar gaat het ongeveer over?',
    topicOptions: {
      bullying: 'Pesten',
      'sexual-harassment': 'Seksuele intimidatie',
      harassment: 'Andere intimidatie',
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
    hrNoticeHint: 'HR hoort alleen dat er een verzoek is. Jij kiest of je naam erbij mag.',
    hrNoticeOptions: {
      anonymous: 'Alleen anoniem: datum en regio',
      named: 'Datum en mijn naam',
    },
    termsAccept: 'Ik heb gelezen wat er met mijn verzoek gebeurt',
    send: 'Versleuteld versturen',
    sending: 'Bezig met versleutelen en versturen…',
  },
  errors: {
    summary: 'Er gaat iets mis in het formulier',
    reachMissing: 'Vul een telefoonnummer of een e-mailadres in.',
    phoneInvalid: 'Vul een telefoonnummer in, zoals +31 20 000 0000.',
    emailInvalid: 'Vul een e-mailadres in, zoals naam@voorbeeld.example.',
    tooLong: (max) => `Gebruik hier niet meer dan ${max} tekens.`,
    controlCharacters: 'Hier staan tekens in die niet kunnen. Typ de tekst opnieuw.',
    termsMissing: 'Vink aan dat je hebt gelezen wat er met je verzoek gebeurt.',
    choiceInvalid: 'Kies een van de opties.',
  },
  sent: {
    heading: 'Je verzoek is verstuurd',
    reference: 'Je code',
    referenceHint: 'De vertrouwenspersoon noemt deze code als hij of zij contact opneemt. Zo weet je dat het klopt. Schrijf hem op als je wilt.',
    response: (hours) =>
      hours === null ? 'Een vertrouwenspersoon neemt zo snel mogelijk contact met je op.' : `Een vertrouwenspersoon neemt binnen ${hours} uur contact met je op.`,
    next: ['In het eerste gesprek vertel je wat er speelt.', 'Samen kijk je wat je wilt doen. Er gebeurt niets zonder jouw toestemming.'],
    again: 'Nog een verzoek sturen',
  },
  failed: {
    heading: 'Je verzoek is niet verstuurd',
    kept: 'Er is niets verstuurd. Je tekst staat nog in het formulier.',
    cleared: 'Je tekst is gewist toen je het formulier verborg.',
    alternative: 'Je kunt het opnieuw proberen, of de vertrouwenspersoon zelf bellen of mailen:',
    phone: 'Telefoon',
    email: 'E-mail',
    retry: 'Opnieuw proberen',
    reasons: {
      'key-not-pinned': 'De sleutel om je verzoek te versleutelen is niet de juiste. Daarom hebben we niets verstuurd.',
      'key-expired': 'De sleutel om je verzoek te versleutelen is verlopen.',
      'key-revoked': 'De sleutel om je verzoek te versleutelen is ingetrokken.',
      'key-unusable': 'De sleutel om je verzoek te versleutelen is niet te gebruiken.',
      'relay-unreachable': 'De server van de vertrouwenspersonen is niet bereikbaar.',
      'relay-timeout': 'De server van de vertrouwenspersonen reageert te langzaam.',
      'relay-rejected': 'De server van de vertrouwenspersonen heeft je verzoek geweigerd.',
      'relay-failed': 'De server van de vertrouwenspersonen heeft een storing.',
      offline: 'Je bent niet verbonden met internet.',
      'crypto-unavailable': 'Het versleutelen kon niet starten.',
      'card-invalid': 'Er is een technisch probleem met de beveiliging. Daarom is er niets verstuurd.',
    },
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
