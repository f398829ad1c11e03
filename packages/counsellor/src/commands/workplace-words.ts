/** What serve, backup and restore say, in English and Dutch (their help is in i18n.ts). */
import type { Lang } from '../i18n.js';

const en = {
  serveRunning: (link: string) =>
    `Your workplace is running on this computer only. Open this link in your browser (it works once):\n\n  ${link}\n\nThe page asks for your passphrase. Stop the app with Ctrl+C; it locks itself after a while without use.`,
  serveStopped: 'The workplace has stopped; the register is locked.',
  port: '--port must be a whole number from 1024 to 65535.',
  portTaken: (port: number) =>
    `Port ${port} is in use, so the workplace took another one. The browser keeps your choices (language, notifications) per address: it may ask for them again. Start with --port ${port} once that port is free.`,
  idleMinutes: '--idle-minutes must be a whole number from 1 to 480.',
  backupOut: '--out FILE is needed: the new backup file.',
  backupDone: (file: string, mailboxes: number, inboxFiles: number) =>
    `Wrote the backup to ${file}: the register, the settings of ${mailboxes} mailbox(es) with their tokens, and ${inboxFiles} stored request(s). It is encrypted to your key: keep it apart from this computer, and keep a backup of your key too.`,
  restoreOne: 'Name one backup file: vp-counsellor restore FILE --key YOUR-KEY.',
  restoreKey: '--key FILE is needed: your private key (restore it from your key backup first).',
  restoreDone: (settings: string, register: string, mailboxes: number) =>
    `Restored ${mailboxes} mailbox(es). Settings: ${settings}. Register: ${register}. Start the app with: vp-counsellor serve`,
  passphrasePrompt: 'Passphrase of your key: ',
  passphraseMissing: 'The passphrase is needed: run this in a terminal, or set VP_PASSPHRASE, or use --passphrase-file.',
};

const nl: typeof en = {
  serveRunning: (link) =>
    `Je werkplek draait, alleen op deze computer. Open deze link in je browser (hij werkt één keer):\n\n  ${link}\n\nDe pagina vraagt om je wachtwoordzin. Stop de app met Ctrl+C; na een tijd zonder gebruik vergrendelt hij zichzelf.`,
  serveStopped: 'De werkplek is gestopt; het register is vergrendeld.',
  port: '--port moet een heel getal van 1024 tot en met 65535 zijn.',
  portTaken: (port) =>
    `Poort ${port} is al in gebruik, dus de werkplek nam een andere. De browser onthoudt je keuzes (taal, meldingen) per adres: hij kan er opnieuw naar vragen. Start met --port ${port} zodra die poort vrij is.`,
  idleMinutes: '--idle-minutes moet een heel getal van 1 tot en met 480 zijn.',
  backupOut: '--out BESTAND is nodig: het nieuwe back-upbestand.',
  backupDone: (file, mailboxes, inboxFiles) =>
    `Back-up geschreven naar ${file}: het register, de instellingen van ${mailboxes} mailbox(en) met hun tokens, en ${inboxFiles} opgeslagen verzoek(en). Hij is versleuteld voor je sleutel: bewaar hem los van deze computer, en bewaar ook een back-up van je sleutel.`,
  restoreOne: 'Noem één back-upbestand: vp-counsellor restore BESTAND --key JE-SLEUTEL.',
  restoreKey: '--key BESTAND is nodig: je privésleutel (zet die eerst terug uit de back-up van je sleutel).',
  restoreDone: (settings, register, mailboxes) =>
    `${mailboxes} mailbox(en) teruggezet. Instellingen: ${settings}. Register: ${register}. Start de app met: vp-counsellor serve`,
  passphrasePrompt: 'Wachtwoordzin van je sleutel: ',
  passphraseMissing: 'De wachtwoordzin is nodig: voer dit uit in een terminal, of zet VP_PASSPHRASE, of gebruik --passphrase-file.',
};

export const workplaceWords: Record<Lang, typeof en> = { en, nl };
