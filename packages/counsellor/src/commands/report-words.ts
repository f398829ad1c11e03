/** What report, hours and demo-data say, in English and Dutch (their help is in i18n.ts). */
import type { Lang } from '../i18n.js';

const en = {
  mailbox: '--mailbox ID is needed: the employer\'s mailbox, as in your settings.',
  year: '--year must be a year such as 2026.',
  month: '--month must be a month such as 2026-03.',
  format: (allowed: string) => `--format must be one of ${allowed}.`,
  out: '--out FILE is needed for this (a PDF or an export is not written to the terminal).',
  to: '--to FILE is needed: the coordinator\'s public key.',
  cases: '--cases must be a whole number from 1 to 100000.',
  exportOrImport: 'Use "report export" or "report --import", not both.',
  unknownWord: (word: string) => `Unknown word "${word}": the only one is "export".`,
  importFormat: 'With --import, --mailbox is not used: the exports say which employer and year they are for.',
  textTooLong: (max: number) => `The text file is too long: at most ${max} characters.`,
  textUnsafe: 'The text file holds control characters (other than tabs and line breaks); remove them.',
  written: (file: string) => `Wrote ${file}.`,
  textStored: 'Your text on trends and advice is stored in the register (the earlier version is kept).',
  exported: (file: string, rows: number) => `Wrote ${rows} registration row(s) to ${file}, encrypted to the coordinator. It holds no names, references or dates.`,
  demoDone: (n: number, year: number) => `Added ${n} fictional cases in ${year}. Try: vp-counsellor report --mailbox voorbeeld@demo.invalid --year ${year}`,
  passphrasePrompt: 'Passphrase of your key: ',
  passphraseMissing: 'The passphrase is needed: run this in a terminal, or set VP_PASSPHRASE, or use --passphrase-file.',
};

const nl: typeof en = {
  mailbox: '--mailbox ID is nodig: de mailbox van de werkgever, zoals in je instellingen.',
  year: '--year moet een jaar zijn, zoals 2026.',
  month: '--month moet een maand zijn, zoals 2026-03.',
  format: (allowed) => `--format moet een van deze zijn: ${allowed}.`,
  out: '--out BESTAND is hiervoor nodig (een pdf of export gaat niet naar de terminal).',
  to: '--to BESTAND is nodig: de publieke sleutel van de coördinator.',
  cases: '--cases moet een heel getal van 1 tot en met 100000 zijn.',
  exportOrImport: 'Gebruik "report export" of "report --import", niet allebei.',
  unknownWord: (word) => `Onbekend woord "${word}": het enige is "export".`,
  importFormat: 'Met --import wordt --mailbox niet gebruikt: de exports zeggen voor welke werkgever en welk jaar ze zijn.',
  textTooLong: (max) => `Het tekstbestand is te lang: hoogstens ${max} tekens.`,
  textUnsafe: 'Het tekstbestand bevat stuurtekens (anders dan tabs en regeleinden); haal ze weg.',
  written: (file) => `${file} geschreven.`,
  textStored: 'Je tekst over trends en advies staat in het register (de eerdere versie blijft bewaard).',
  exported: (file, rows) => `${rows} registratieregel(s) naar ${file} geschreven, versleuteld voor de coördinator. Er staan geen namen, kenmerken of data in.`,
  demoDone: (n, year) => `${n} verzonnen meldingen in ${year} toegevoegd. Probeer: vp-counsellor report --mailbox voorbeeld@demo.invalid --year ${year}`,
  passphrasePrompt: 'Wachtwoordzin van je sleutel: ',
  passphraseMissing: 'De wachtwoordzin is nodig: voer dit uit in een terminal, of zet VP_PASSPHRASE, of gebruik --passphrase-file.',
};

export const reportCliWords: Record<Lang, typeof en> = { en, nl };
