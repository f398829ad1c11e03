/**
 * The Dutch late texts (see LateMessages): in the crypto chunk, as they are needed only once it is
 * there. The English ones are in messages-en.ts.
 */
import type { LateMessages } from './messages.js';

/** One cause for every failure of the security checks: the employee cannot act on which one it was. */
const TECHNICAL = 'Er is een technisch probleem met de beveiliging. Daarom is er niets verstuurd.';

export const nlLate: LateMessages = {
  errors: {
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
    response: (promise) =>
      // The same words as terms.response in messages.ts (not imported: this chunk is built apart from it).
      `Een vertrouwenspersoon neemt ${promise ? `binnen ${promise.n} ${promise.days ? 'werkdagen' : 'uur'}` : 'zo snel mogelijk'} contact met je op.`,
    next: ['In het eerste gesprek vertel je wat er speelt.', 'Samen kijk je wat je wilt doen. Jij bepaalt de volgende stap.'],
    again: 'Nog een verzoek sturen',
  },
  reasons: {
    'key-not-pinned': TECHNICAL,
    'key-expired': TECHNICAL,
    'key-revoked': TECHNICAL,
    'key-unusable': TECHNICAL,
    'relay-unreachable': 'De server van de vertrouwenspersonen is niet bereikbaar.',
    'relay-timeout': 'De server van de vertrouwenspersonen reageert te langzaam.',
    'relay-rejected': 'De server van de vertrouwenspersonen heeft je verzoek geweigerd.',
    'relay-failed': 'De server van de vertrouwenspersonen heeft een storing.',
    offline: 'Je bent niet verbonden met internet.',
    'card-invalid': TECHNICAL,
  },
  cleared: 'Je tekst is gewist toen je het formulier verborg.',
  counsellors: 'Je kunt een van deze vertrouwenspersonen spreken:',
};
