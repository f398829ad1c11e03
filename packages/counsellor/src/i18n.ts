/**
 * The command's words in English and Dutch. The language is --lang, else the config file's lang,
 * else Dutch when the locale (LC_ALL, LC_MESSAGES, LANG) starts with nl, else English.
 */
import type { HrNotice, MeetingPreference, Topic } from '@vp-contact/protocol/schema';
import type { ErrorData } from './errors.js';

export type Lang = 'en' | 'nl';

/** The commands, in the order the overview lists them. */
export type CommandName = 'keygen' | 'card' | 'rotate' | 'token' | 'serve' | 'backup' | 'restore' | 'pull' | 'list' | 'show' | 'decrypt' | 'report' | 'hours' | 'demo-data';

/**
 * How the CLI words an error with a known code: a sentence, or one made from the error's data (and
 * the library's English message, where its details matter). Codes without one keep the message.
 */
type ErrorText = string | ((data: ErrorData, message: string) => string);

/** A usage error's words: what is wrong, from the option or detail it names. */
type UsageTexts = {
  needed: (option: string) => string;
  badOption: (nodeMessage: string) => string;
  responseHours: string;
  lang: string;
  pageSize: (max: string) => string;
  keygenName: string;
  keygenEmail: string;
  keygenOut: string;
  decryptOneFile: string;
  decryptNoInput: string;
  decryptKey: string;
  decryptTooLarge: string;
  fileUnreadable: (file: string, reason: string) => string;
  showOne: string;
  tokenNotWritten: (file: string, reason: string) => string;
  cardKey: string;
  cardMailbox: string;
  cardName: string;
  cardPhone: string;
  cardEmail: string;
  cardContact: string;
  cardResponseHours: (max: string) => string;
  cardValidDays: (max: string) => string;
  cardSubkey: (position: string) => string;
  cardCounsellor: (position: string) => string;
  cardOut: string;
  cardNotWritten: (file: string, reason: string) => string;
  rotateKey: string;
  rotateOut: string;
  rotateReason: string;
  rotateValidYears: string;
};

export function detectLang(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (explicit === 'nl' || explicit === 'en') return explicit;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^nl([_.@-]|$)/i.test(locale) ? 'nl' : 'en';
}

const en = {
  summaries: {
    keygen: "make the provider's key pair",
    card: "sign the mailbox card the widget trusts",
    rotate: 'replace the encryption subkey (embed codes stay the same)',
    token: 'make a token for pulling from the relay',
    serve: 'start your workplace: inbox and case files in the browser',
    backup: 'write one encrypted backup of the register and settings',
    restore: 'bring a backup back onto a new computer',
    pull: 'fetch waiting requests into the inbox',
    list: 'show the requests in the inbox',
    show: 'show one request in full',
    decrypt: 'decrypt one request to JSON',
    report: "the employer's anonymised yearly report (csv, html, pdf); team export and import",
    hours: 'the monthly hours specification of an employer (csv, html)',
    'demo-data': 'fill a register without real cases with fictional ones',
  } satisfies Record<CommandName, string>,
  overview: (lines: string) =>
    `Usage: vp-counsellor COMMAND [options]\n\nPull, decrypt and read requests for the confidential counsellor, on your own machine.\n\n${lines}\n\nSee "vp-counsellor COMMAND --help". The daily routine: vp-counsellor pull, then vp-counsellor list.\n`,
  unknownCommand: (name: string, names: string) => `unknown command "${name}". ${names}.`,
  moreWithDebug: '(more detail with --debug)',
  help: {
    keygen: `Usage: vp-counsellor keygen --name NAME --email EMAIL --out DIR [--passphrase-file FILE]

Makes the provider's key pair, protected by a passphrase. Writes DIR/private.asc (readable only
by you), DIR/public.asc and DIR/revocation.asc, and prints the fingerprint and the lines for the
relay's config and the widget's embed code. Never overwrites an existing key.

The passphrase is asked for twice on the terminal (best), or comes from --passphrase-file or
VP_PASSPHRASE.

  --name NAME               the name on the key, e.g. "Vertrouwenspersonen Voorbeeld"
  --email EMAIL             the e-mail address on the key
  --out DIR                 the folder for the key files
  --passphrase-file FILE    read the passphrase from this file
  --lang nl|en, --debug, --help
`,
    card: `Usage: vp-counsellor card --key FILE --mailbox ID --name NAME (--phone PHONE | --email EMAIL)
                         --out FILE [--subkey FPR]... [--counsellor "NAME|REGION|LANGS"]...
                         [--response-hours N] [--valid-days N]

Signs a mailbox card with the provider's primary key: the name, phone and e-mail the widget shows,
the response time it promises, and the (sub)keys it encrypts to. The widget trusts nothing else
the relay says, and sends nothing without a valid card. Prints what it signed and the "cards"
line for the relay's config; the relay reads cards when it starts, so restart it afterwards.

  --key FILE                the provider's private key WITH the primary key (not a laptop's
                            subkey-only copy); passphrase: asked on the terminal, or
                            --passphrase-file, or VP_PASSPHRASE
  --mailbox ID              the mailbox id at the relay
  --name NAME               the name employees see, e.g. "Vertrouwenspersonen Voorbeeld"
  --phone PHONE             the provider's phone number, e.g. "+31 20 000 0000"
  --email EMAIL             the provider's e-mail address (give at least one of the two)
  --response-hours N        the promised response time, 1 to 720 hours (default 48)
  --valid-days N            how long the card is valid, 1 to 366 days (default 365)
  --subkey FPR              encrypt to this subkey only (repeat for more); by default every
                            subkey that can encrypt now. Name only the new one when rotating.
  --counsellor "NAME|REGION|LANGS"
                            a counsellor employees may meet, e.g. "Anna de Vries|Noord|nl,en"
                            (region and languages may be left out); repeat, at most 20
  --out FILE                the card file to write
  --replace                 replace an older card in FILE (nothing else is ever replaced)
  --passphrase-file FILE    read the passphrase from this file
  --lang nl|en, --debug, --help
`,
    rotate: `Usage: vp-counsellor rotate --key FILE --out DIR [--reason superseded|compromised] [--valid-years N]

Replaces the encryption subkey: adds a new one and revokes every current one, with the primary
key, whose fingerprint (in every embed code) stays the same. Writes, in DIR (never over a file):
private.asc (the updated key with the primary key, same passphrase), public.asc (for the relay),
laptop-key.asc (only the new subkey: for the counsellors' laptops) and transition-key.asc (old and
new subkeys, to read requests sent before the change). Then sign a new card with --subkey.

  --key FILE                the provider's private key WITH the primary key; passphrase: asked
                            on the terminal, or --passphrase-file, or VP_PASSPHRASE
  --out DIR                 the folder for the new files
  --reason WHY              superseded (default: a planned change, a counsellor left) or
                            compromised (a laptop was lost or the subkey exposed)
  --valid-years N           how long the new subkey is valid, 1 to 10 years (default 2)
  --passphrase-file FILE    read the passphrase from this file
  --lang nl|en, --debug, --help
`,
    serve: `Usage: vp-counsellor serve [--config FILE] [--port N] [--idle-minutes N] [--open]

Starts your workplace on this computer (127.0.0.1 only) and prints a link that works once.
The page asks for your passphrase; the unlocked key stays in this process's memory only.
While unlocked, every mailbox is fetched every minute. Stop with Ctrl+C.

  --config FILE         the workplace settings (default ~/.config/vp-contact/workplace.json,
                        else today's counsellor.json as one mailbox)
  --port N              listen on this port (default: 8790, or a free one when that is taken)
  --idle-minutes N      lock after N minutes without use (default 15, or idleMinutes in the settings)
  --open                also open the link in the default browser
  --lang nl|en, --debug, --help
`,
    backup: `Usage: vp-counsellor backup --out FILE [--config FILE]

Writes one file, encrypted to your key, with the register, the settings, the token files and
the stored requests. Needs no passphrase. Stop vp-counsellor serve first.

  --out FILE            the new backup file (never overwritten)
  --config FILE         the workplace settings
  --lang nl|en, --debug, --help
`,
    restore: `Usage: vp-counsellor restore FILE --key FILE [--passphrase-file FILE] [--config FILE] [--register DIR]

Brings a backup back onto a computer where no workplace exists yet (nothing is overwritten).
You need your private key first (from your key backup) and its passphrase.

  --key FILE            your private key
  --passphrase-file FILE read the passphrase from this file (else asked, else VP_PASSPHRASE)
  --config FILE         where to write the settings (default ~/.config/vp-contact/workplace.json)
  --register DIR        where to put the register (default ~/.local/share/vp-contact/register)
  --lang nl|en, --debug, --help
`,
    token: `Usage: vp-counsellor token [--out FILE]

Makes a new random bearer token for pulling from the relay. Prints the token once (or, with
--out, writes it to FILE, readable only by you, and does not print it), and the "sha256:…" line
to add to the mailbox's counsellorTokenHashes in the relay's config.

  --out FILE      write the token to this new file instead of printing it
  --lang nl|en, --debug, --help
`,
    pull: `Usage: vp-counsellor pull --relay URL --mailbox ID --token-file FILE --inbox DIR [--key FILE]

Fetches every waiting request from the relay and stores each one, still encrypted, in the inbox
folder; only once it is safely on disk is it removed from the relay. Interrupted and run again, it
loses nothing and stores nothing twice. With --key, each new request is test-decrypted; one that
cannot be decrypted is kept and reported.

  --relay URL               the relay's address: https://, or http:// only on this machine
  --mailbox ID              the mailbox id at the relay
  --token-file FILE         the file holding your token (see "vp-counsellor token")
  --inbox DIR               the inbox folder (made when missing); also VP_INBOX
  --key FILE                test-decrypt with this private key (passphrase: asked on the
                            terminal, or --passphrase-file, or VP_PASSPHRASE)
  --page-size N             requests per page, 1 to 200 (default 100)
  --config FILE             read options from FILE (default: vp-counsellor.json in the inbox,
                            else ~/.config/vp-contact/counsellor.json)
  --lang nl|en, --debug, --help
`,
    list: `Usage: vp-counsellor list --inbox DIR --key FILE

Shows the requests in the inbox, newest first: when received, reference, name or '(anonymous)',
how to reach them, topics, whether urgent, and the hours left of the promised response time.
Decrypts in memory only. A file that cannot be read is reported and the rest are shown.

  --inbox DIR               the inbox folder; also VP_INBOX
  --key FILE                your private key (passphrase: asked on the terminal, or
                            --passphrase-file, or VP_PASSPHRASE)
  --passphrase-file FILE    read the passphrase from this file
  --response-hours N        the promised response time (default 48)
  --json                    machine-readable output
  --config FILE             read options from FILE (default: vp-counsellor.json in the inbox,
                            else ~/.config/vp-contact/counsellor.json)
  --lang nl|en, --debug, --help
`,
    show: `Usage: vp-counsellor show REFERENCE|ID --inbox DIR --key FILE [--json]

Shows one request in full: by its reference (as the employee reads it out, e.g. K7P-4QX or k7p4qx),
by the relay's id, or by its file name in the inbox. Decrypts in memory only.

  --inbox DIR               the inbox folder; also VP_INBOX
  --key FILE                your private key
  --passphrase-file FILE    read the passphrase from this file
  --response-hours N        the promised response time (default 48)
  --json                    the request as JSON, for programs
  --config FILE             read options from FILE (default: vp-counsellor.json in the inbox,
                            else ~/.config/vp-contact/counsellor.json)
  --lang nl|en, --debug, --help
`,
    decrypt: `Usage: vp-counsellor decrypt [FILE] --key FILE

Decrypts one armored request, from FILE or from standard input, and prints it as JSON.

  --key FILE                your private key
  --passphrase-file FILE    read the passphrase from this file (else asked, else VP_PASSPHRASE)
  --lang nl|en, --debug, --help
`,
    report: `Usage: vp-counsellor report --mailbox ID --year YYYY --format csv|html|pdf [--out FILE]
       vp-counsellor report export --to COORDINATOR_KEY --mailbox ID --year YYYY --out FILE
       vp-counsellor report --import FILE [--import FILE ...] --format csv|html|pdf [--out FILE]

The employer's yearly report from your register: counts by topic, support, outcome, unit, region
and quarter, with small numbers suppressed; no references, names or dates. Asks for your
passphrase (or VP_PASSPHRASE, or --passphrase-file). PDF needs Chromium (/usr/bin/chromium or
CHROME_PATH). "export" writes your registration rows for a coordinator, encrypted to their key;
"--import" (the coordinator) merges such exports into one report, a forwarded case counted once.

  --mailbox ID              the employer's mailbox (as in the settings, e.g. voorbeeld)
  --year YYYY               the year
  --format csv|html|pdf     what to write (default html)
  --out FILE                write here instead of standard output (needed for pdf and export)
  --text-file FILE          store this text as your trends and advice for this employer and year
  --report-settings FILE    threshold, units' sizes, no-show share (default report-settings.json
                            beside the workplace settings)
  --config FILE, --passphrase-file FILE, --lang nl|en, --debug, --help
`,
    hours: `Usage: vp-counsellor hours --mailbox ID --month YYYY-MM --format csv|html [--out FILE]

The month's hours specification for the invoice: hours per unit and in total, cases worked on,
appointments held, and no-shows at the share in the report settings (default 50%). Nothing
personal: no references, names, topics or dates of appointments. Asks for your passphrase.

  --mailbox ID, --month YYYY-MM, --format csv|html (default html), --out FILE
  --report-settings FILE, --config FILE, --passphrase-file FILE, --lang nl|en, --debug, --help
`,
    'demo-data': `Usage: vp-counsellor demo-data --cases N [--year YYYY] [--config FILE]

Fills the register of these settings with N fictional cases over three fictional employers,
their units and regions and one year (default: last year), to try the reports. Refuses a register
that holds any real case. Use separate settings (another register folder) for this.

  --cases N                 how many cases, 1 to 100000
  --year YYYY               the year of the cases
  --config FILE, --passphrase-file FILE, --lang nl|en, --debug, --help
`,
  } satisfies Record<CommandName, string>,
  usage: {
    needed: (option) => `${option} is needed (on the command line or in vp-counsellor.json).`,
    badOption: (nodeMessage) => nodeMessage,
    responseHours: '--response-hours must be a whole number of hours, at least 1.',
    lang: '--lang must be nl or en.',
    pageSize: (max) => `--page-size must be a whole number from 1 to ${max}.`,
    keygenName: '--name is needed: the name on the key, e.g. "Vertrouwenspersonen Voorbeeld".',
    keygenEmail: '--email is needed and must be an e-mail address.',
    keygenOut: '--out is needed: the folder to write the key files to.',
    decryptOneFile: 'Give at most one file; without one, the request is read from standard input.',
    decryptNoInput: 'Give a file, or pipe the request in: vp-counsellor decrypt < request.asc.',
    decryptKey: '--key is needed: your private key file.',
    decryptTooLarge: 'The input is far larger than any request can be.',
    fileUnreadable: (file, reason) => `${file} could not be read: ${reason}.`,
    showOne: 'Give one reference or id, e.g. vp-counsellor show K7P-4QX.',
    tokenNotWritten: (file, reason) => `Could not write ${file}: ${reason}.`,
    cardKey: '--key is needed: the private key file that holds the primary key.',
    cardMailbox: '--mailbox is needed: the mailbox id, 1 to 64 lower-case letters, digits and dashes.',
    cardName: '--name is needed: the name employees see, at most 100 characters, without control characters.',
    cardPhone: '--phone must be a phone number such as +31 20 000 0000.',
    cardEmail: '--email must be an e-mail address such as vp@voorbeeld.example.',
    cardContact: 'Give --phone or --email (or both): the widget offers them when sending fails.',
    cardResponseHours: (max) => `--response-hours must be a whole number of hours from 1 to ${max}.`,
    cardValidDays: (max) => `--valid-days must be a whole number of days from 1 to ${max}.`,
    cardSubkey: (position) => `--subkey number ${position} is not a fingerprint: 40 (or 64) hexadecimal digits, spaces allowed.`,
    cardCounsellor: (position) =>
      `--counsellor number ${position} must be "Name|Region|nl,en": a name of at most 100 characters, an optional region, optional language codes; at most 20 counsellors.`,
    cardOut: '--out is needed: the card file to write, e.g. card.asc.',
    cardNotWritten: (file, reason) => `Could not write ${file}: ${reason}.`,
    rotateKey: '--key is needed: the private key file that holds the primary key.',
    rotateOut: '--out is needed: a new folder for the new key files.',
    rotateReason: '--reason must be superseded or compromised.',
    rotateValidYears: '--valid-years must be a whole number of years from 1 to 10.',
  } satisfies UsageTexts,
  errorPrefix: 'error',
  usagePrefix: 'usage error',
  seeHelp: (command: string) => `Run "vp-counsellor ${command} --help" for the options.`,
  anonymous: '(anonymous)',
  yes: 'yes',
  no: 'no',
  notSaid: 'not said',
  urgent: 'URGENT',
  hoursLeft: (h: number) => `${h} h`,
  overdue: (h: number) => `${h} h overdue`,
  columns: { received: 'Received', reference: 'Reference', name: 'Name', reach: 'How to reach', topics: 'Topics', urgent: 'Urgent', left: 'Time left' },
  topics: {
    bullying: 'bullying',
    'sexual-harassment': 'sexual harassment',
    harassment: 'harassment or intimidation',
    discrimination: 'discrimination',
    'aggression-violence': 'aggression or violence',
    other: 'other',
    'not-sure': 'not sure',
  } satisfies Record<Topic, string>,
  meetings: {
    phone: 'by phone',
    video: 'by video call',
    'at-work': 'at work',
    'outside-work': 'outside work',
    'at-home': 'at home',
  } satisfies Record<MeetingPreference, string>,
  hrNotices: {
    anonymous: 'anonymously only: that a request came in, with date and region',
    named: 'with date and name',
    none: 'nothing (the employer\'s terms: HR hears nothing of single requests)',
  } satisfies Record<HrNotice, string>,
  fields: {
    reference: 'Reference',
    received: 'Received',
    submitted: 'Sent',
    respondBy: 'Respond by',
    name: 'Name',
    phone: 'Phone',
    email: 'E-mail',
    preferredTimes: 'Best times',
    voicemail: 'Voicemail allowed',
    textMessages: 'Text messages allowed',
    identify: 'May say who is calling',
    meeting: 'Would like to meet',
    conversationLanguage: 'Language for the talk',
    formLanguage: 'Language of the form',
    region: 'Region',
    unit: 'Unit',
    topics: 'About',
    urgent: 'Marked urgent',
    hrNotice: 'HR may be told',
    message: 'Message',
    file: 'Inbox file',
    relayId: 'Relay id',
  },
  formLanguages: { nl: 'Dutch', en: 'English' },
  inboxEmpty: 'The inbox holds no requests.',
  unreadableHeader: (n: number) => `${n} file(s) in the inbox could not be read (they stay where they are):`,
  unreadableLine: (file: string, reason: string) => `  ${file}: ${reason}`,
  pullProgress: (stored: number, received: number) => `Stored ${stored} new of ${received} received…`,
  pullNone: 'No requests were waiting.',
  pullDone: (stored: number, again: number) =>
    `Pulled ${stored} new request(s) into the inbox${again > 0 ? ` (${again} were already there and are not stored twice)` : ''}.`,
  pullUndecryptable: (n: number) => `${n} request(s) could not be decrypted with this key. They are kept in the inbox:`,
  openToOthers: (file: string) => `Warning: ${file} can be read by other users of this computer. Make it yours alone: chmod 600 ${file}`,
  passphrasePrompt: 'Passphrase for the private key: ',
  passphraseMissing:
    'The private key needs its passphrase: give --passphrase-file FILE or set VP_PASSPHRASE (there is no terminal to ask on).',
  newPassphrasePrompt: 'Passphrase for the new key: ',
  newPassphraseAgain: 'The same passphrase again: ',
  keygenDone: (file: string) => `Made a new key. The private key is in ${file}: keep it on this machine and back it up (see the guide).`,
  keygenFingerprint: 'Fingerprint:',
  keygenRelay: (file: string) => `For the relay config, in this mailbox's entry, after copying ${file} to a keys/ folder beside the relay's config file (or paste the armored key itself):`,
  keygenWidget: 'For the widget\'s embed code:',
  keygenRevocation: (file: string) => `A revocation certificate is in ${file}: keep a copy apart from the key (on paper or a USB stick in a safe).`,
  keygenNext: (file: string) =>
    `Next: sign the mailbox card for each mailbox that uses this key (the widget sends nothing without one):\n  vp-counsellor card --key ${file} --mailbox ID --name NAME --phone PHONE --email EMAIL --out card.asc`,
  rotateDone: (fingerprint: string) => `Added a new encryption subkey: ${fingerprint}`,
  rotateRevoked: (fingerprint: string) => `Revoked the old one:             ${fingerprint}`,
  rotateFiles: 'Wrote:',
  rotateFilePrivate: 'the updated key with the primary key: replaces the old file here and on the backups',
  rotateFilePublic: 'for the relay: replaces keys/public.asc',
  rotateFileLaptop: "for the counsellors' laptops: only the new subkey (chmod 600)",
  rotateFileTransition: 'old and new subkeys: only while requests sent before the change are unread',
  rotateNext: 'Next: sign a new card for each mailbox, naming only the new subkey:',
  rotateRelay: 'Give the relay public.asc and the new card, and restart it. From then on requests go to the new subkey only.',
  cardDone: (mailbox: string, file: string) => `Signed a mailbox card for mailbox "${mailbox}" in ${file}:`,
  cardFields: { name: 'Name', phone: 'Phone', email: 'E-mail', responseHours: 'Response time', counsellors: 'Counsellors', encryptsTo: 'Encrypts to', validUntil: 'Valid until' },
  cardHours: (h: number) => `${h} hours`,
  cardKeyExpiresFirst: (day: string) => `Warning: the key or a subkey it names expires on ${day}, before the card; from then on the card is not valid. Extend the key, or sign a new card in time.`,
  cardRelay: (file: string) => `For the relay config, in this mailbox's entry, after copying ${file} to the keys/ folder beside the relay's config file:`,
  cardRestart: 'Then restart the relay: it reads cards only when it starts. Sign a new card before this one expires, and after every change of subkeys.',
  tokenIntro: 'A new token for the counsellor tools. It is shown only this once: put it in a file readable only by you.',
  tokenWritten: (file: string) => `The token is in ${file} (readable only by you).`,
  tokenHash: 'For the relay config, in this mailbox\'s counsellorTokenHashes:',
  // Worded from each error's data; a code not named here (a ProtocolError's) keeps its own message.
  errors: {
    'relay-url-invalid': (d) => `The relay address "${d.relay}" is not a URL; write it like https://relay.voorbeeld.example.`,
    'relay-url-insecure': 'The relay address must start with https:// (http:// only for a relay on this machine: localhost, 127.0.0.1 or ::1).',
    'mailbox-invalid': (d) => `The mailbox id "${d.mailbox}" is not valid: use lower-case letters, digits and dashes.`,
    'token-invalid': 'The token is empty or contains spaces; the token file should hold exactly the token.',
    'token-file-unreadable': (d) => `The token file ${d.file} could not be read: ${d.detail}.`,
    'relay-unreachable': (d) =>
      d.reason === 'the answer broke off'
        ? `The connection to the relay at ${d.relay} broke off during its answer.`
        : `Could not reach the relay at ${d.relay} (${d.reason}). Check the address and the network connection.`,
    'relay-timeout': (d) => `The relay at ${d.relay} did not answer within ${d.seconds} seconds. Try again later.`,
    'relay-unauthorized': (d) =>
      `The relay refused the token for mailbox "${d.mailbox}" (${d.status}). Check the token file and that the token's sha256 line is in the relay's counsellorTokenHashes for this mailbox.`,
    'relay-not-found': (d) => `The relay has no such address (${d.status}). Check the relay URL and the mailbox id.`,
    'relay-error': (d) =>
      d.problem === 'failed'
        ? `The relay failed (${d.status}${d.detail ? `: ${d.detail}` : ''}). Nothing was lost: try again later, and tell whoever runs the relay if it keeps happening.`
        : `The relay refused the request (${d.status}${d.detail ? `: ${d.detail}` : ''}).`,
    'relay-bad-response': (d, message) =>
      d.problem === 'too-long'
        ? `The relay at ${d.relay} sent a list far longer than a page of requests can be.`
        : d.problem === 'not-json'
          ? `The relay at ${d.relay} answered with something that is not JSON. Is this the right address?`
          : d.problem === 'cursor-stuck'
            ? 'The relay handed out the same page twice (its cursor did not move).'
            : d.problem === 'form' && d.relay !== undefined
              ? `The relay's list of requests is not in the expected form (${d.detail}). Is the relay up to date?`
              : message,
    'inbox-missing': (d) => `There is no inbox folder at ${d.dir}. Run pull first, or check --inbox.`,
    'inbox-unusable': (d, message) =>
      d.problem === 'not-a-folder'
        ? `The inbox ${d.dir} is not a folder.`
        : d.problem === 'too-large'
          ? `${d.file} is ${d.size} bytes, far larger than any request can be: it is not a request.`
          : d.problem === 'not-made'
            ? `The inbox folder ${d.dir} could not be made: ${d.detail}.`
            : message,
    'entry-not-found': (d) => `No request in the inbox has the reference or id "${d.query}".`,
    'key-exists': (d) =>
      d.kind === 'token' ? `${d.file} already exists; a token file is never overwritten.` : `${d.file} already exists; a key is never overwritten. Choose another folder with --out.`,
    'key-file-unreadable': (d) => `The private key file ${d.file} could not be read: ${d.detail}.`,
    'passphrase-missing': (d, message) =>
      d.problem === 'file-unreadable' ? `The passphrase file ${d.file} could not be read: ${d.detail}.` : d.problem === 'stopped' ? 'Stopped at the passphrase prompt.' : message,
    'passphrase-too-short': (d) => `The passphrase must be at least ${d.min} characters; a few unrelated words work well.`,
    'passphrase-mismatch': 'The two passphrases differ; nothing was made. Try again.',
    'card-cannot-sign': (d) =>
      d.problem === 'no-primary-secret'
        ? 'This key file holds no secret of the primary key (only subkeys, as a counsellor\'s laptop has). Sign the card with --key pointing at the primary key, where it is kept.'
        : 'The primary key cannot sign now: it is revoked, expired, or not a signing key. Nothing was written.',
    'rotate-refused': (d) =>
      d.problem === 'no-primary-secret'
        ? 'This key file holds no secret of the primary key (only subkeys, as a counsellor\'s laptop has); only the primary key can change subkeys. Nothing was written.'
        : 'The primary key is revoked or expired: it cannot take a new subkey. Make a new key instead (see the guide). Nothing was written.',
    'card-no-encryption-key': 'The key has no subkey that can encrypt now (all revoked or expired). Add a new encryption subkey first (see the guide). Nothing was written.',
    'card-subkey-unusable': (d) =>
      d.problem === 'not-in-key'
        ? `--subkey ${d.fingerprint} is not a subkey of this key. Check the fingerprint (gpg --list-keys --with-subkey-fingerprints). Nothing was written.`
        : `--subkey ${d.fingerprint} cannot encrypt now: it is revoked, expired, or not an encryption key. Nothing was written.`,
    'card-exists': (d) =>
      d.problem === 'exists'
        ? `${d.file} already exists; add --replace to replace an older card there.`
        : `${d.file} is not a mailbox card, and only a card is ever replaced. Choose another file with --out.`,
    'config-invalid': (d) =>
      d.problem === 'unreadable'
        ? `The settings file ${d.file} could not be read: ${d.detail}.`
        : d.problem === 'not-json'
          ? `The settings file ${d.file} is not valid JSON: ${d.detail}.`
          : `The settings file ${d.file} is not valid: ${d.detail}.`,
  } as Partial<Record<string, ErrorText>>,
};

type Messages = typeof en;

const nl: Messages = {
  summaries: {
    keygen: 'maak het sleutelpaar van de aanbieder',
    card: 'onderteken de mailboxkaart die de widget vertrouwt',
    rotate: 'vervang de versleutelsubsleutel (insluitcodes blijven gelijk)',
    token: 'maak een token om van de relay op te halen',
    serve: 'start je werkplek: inbox en dossiers in de browser',
    backup: 'schrijf één versleutelde back-up van register en instellingen',
    restore: 'zet een back-up terug op een nieuwe computer',
    pull: 'haal wachtende verzoeken op in de inbox',
    list: 'toon de verzoeken in de inbox',
    show: 'toon één verzoek volledig',
    decrypt: 'ontsleutel één verzoek naar JSON',
    report: 'het geanonimiseerde jaarverslag voor een werkgever (csv, html, pdf); teamexport en -import',
    hours: 'de maandelijkse urenspecificatie van een werkgever (csv, html)',
    'demo-data': 'vul een register zonder echte meldingen met verzonnen meldingen',
  },
  overview: (lines) =>
    `Gebruik: vp-counsellor OPDRACHT [opties]\n\nVerzoeken voor de vertrouwenspersoon ophalen, ontsleutelen en lezen, op je eigen computer.\n\n${lines}\n\nZie "vp-counsellor OPDRACHT --help". De dagelijkse routine: vp-counsellor pull, dan vp-counsellor list.\n`,
  unknownCommand: (name, names) => `onbekende opdracht "${name}". ${names}.`,
  moreWithDebug: '(meer details met --debug)',
  help: {
    keygen: `Gebruik: vp-counsellor keygen --name NAAM --email E-MAIL --out MAP [--passphrase-file BESTAND]

Maakt het sleutelpaar van de aanbieder, beveiligd met een wachtwoordzin. Schrijft MAP/private.asc
(alleen voor jou leesbaar), MAP/public.asc en MAP/revocation.asc, en toont de vingerafdruk en de
regels voor de configuratie van de relay en de insluitcode van de widget. Overschrijft nooit een
bestaande sleutel.

De wachtwoordzin wordt twee keer gevraagd in de terminal (het beste), of komt uit
--passphrase-file of VP_PASSPHRASE.

  --name NAAM               de naam op de sleutel
  --email E-MAIL            het e-mailadres op de sleutel
  --out MAP                 de map voor de sleutelbestanden
  --passphrase-file BESTAND lees de wachtwoordzin uit dit bestand
  --lang nl|en, --debug, --help
`,
    card: `Gebruik: vp-counsellor card --key BESTAND --mailbox ID --name NAAM (--phone TEL | --email E-MAIL)
                           --out BESTAND [--subkey VINGERAFDRUK]... [--counsellor "NAAM|REGIO|TALEN"]...
                           [--response-hours N] [--valid-days N]

Ondertekent een mailboxkaart met de hoofdsleutel van de aanbieder: de naam, het telefoonnummer en
het e-mailadres die de widget toont, de reactietijd die hij belooft, en de (sub)sleutels waarvoor
hij versleutelt. De widget gelooft verder niets van wat de relay zegt, en verstuurt niets zonder
geldige kaart. Toont wat er ondertekend is en de regel "cards" voor de configuratie van de relay;
de relay leest kaarten bij het starten, dus herstart hem daarna.

  --key BESTAND             de privésleutel van de aanbieder MET de hoofdsleutel (niet de kopie
                            met alleen een subsleutel van een laptop); wachtwoordzin: gevraagd
                            in de terminal, of --passphrase-file, of VP_PASSPHRASE
  --mailbox ID              de mailbox-id bij de relay
  --name NAAM               de naam die medewerkers zien, bv. "Vertrouwenspersonen Voorbeeld"
  --phone TEL               het telefoonnummer van de aanbieder, bv. "+31 20 000 0000"
  --email E-MAIL            het e-mailadres van de aanbieder (geef minstens een van de twee)
  --response-hours N        de beloofde reactietijd, 1 tot 720 uur (standaard 48)
  --valid-days N            hoe lang de kaart geldig is, 1 tot 366 dagen (standaard 365)
  --subkey VINGERAFDRUK     versleutel alleen voor deze subsleutel (herhaal voor meer); standaard
                            elke subsleutel die nu kan versleutelen. Noem bij het vervangen
                            alleen de nieuwe.
  --counsellor "NAAM|REGIO|TALEN"
                            een vertrouwenspersoon die medewerkers kunnen treffen, bv.
                            "Anna de Vries|Noord|nl,en" (regio en talen mogen weg); herhaal,
                            hoogstens 20
  --out BESTAND             het kaartbestand dat geschreven wordt
  --replace                 vervang een oudere kaart in BESTAND (iets anders nooit)
  --passphrase-file BESTAND lees de wachtwoordzin uit dit bestand
  --lang nl|en, --debug, --help
`,
    rotate: `Gebruik: vp-counsellor rotate --key BESTAND --out MAP [--reason superseded|compromised] [--valid-years N]

Vervangt de versleutelsubsleutel: voegt een nieuwe toe en trekt alle huidige in, met de
hoofdsleutel, waarvan de vingerafdruk (in elke insluitcode) gelijk blijft. Schrijft in MAP (nooit
over een bestand heen): private.asc (de bijgewerkte sleutel met de hoofdsleutel, zelfde
wachtwoordzin), public.asc (voor de relay), laptop-key.asc (alleen de nieuwe subsleutel: voor de
laptops van de vertrouwenspersonen) en transition-key.asc (oude en nieuwe subsleutel, om verzoeken
van voor de wissel te lezen). Onderteken daarna een nieuwe kaart met --subkey.

  --key BESTAND             de privésleutel van de aanbieder MET de hoofdsleutel; wachtwoordzin:
                            gevraagd in de terminal, of --passphrase-file, of VP_PASSPHRASE
  --out MAP                 de map voor de nieuwe bestanden
  --reason WAAROM           superseded (standaard: een geplande wissel, een vertrouwenspersoon
                            vertrok) of compromised (een laptop kwijt, of de subsleutel uitgelekt)
  --valid-years N           hoe lang de nieuwe subsleutel geldig is, 1 tot 10 jaar (standaard 2)
  --passphrase-file BESTAND lees de wachtwoordzin uit dit bestand
  --lang nl|en, --debug, --help
`,
    serve: `Gebruik: vp-counsellor serve [--config BESTAND] [--port N] [--idle-minutes N] [--open]

Start je werkplek op deze computer (alleen 127.0.0.1) en toont een link die één keer werkt.
De pagina vraagt om je wachtwoordzin; de ontgrendelde sleutel blijft alleen in het geheugen van
dit proces. Zolang hij ontgrendeld is, wordt elke mailbox elke minuut opgehaald. Stop met Ctrl+C.

  --config BESTAND      de instellingen van de werkplek (standaard ~/.config/vp-contact/workplace.json,
                        anders de huidige counsellor.json als één mailbox)
  --port N              luister op deze poort (standaard: 8790, of een vrije als die bezet is)
  --idle-minutes N      vergrendel na N minuten zonder gebruik (standaard 15, of idleMinutes)
  --open                open de link ook in de standaardbrowser
  --lang nl|en, --debug, --help
`,
    backup: `Gebruik: vp-counsellor backup --out BESTAND [--config BESTAND]

Schrijft één bestand, versleuteld voor je sleutel, met het register, de instellingen, de
tokenbestanden en de opgeslagen verzoeken. Er is geen wachtwoordzin nodig. Stop eerst
vp-counsellor serve.

  --out BESTAND         het nieuwe back-upbestand (wordt nooit overschreven)
  --config BESTAND      de instellingen van de werkplek
  --lang nl|en, --debug, --help
`,
    restore: `Gebruik: vp-counsellor restore BESTAND --key BESTAND [--passphrase-file BESTAND] [--config BESTAND] [--register MAP]

Zet een back-up terug op een computer waar nog geen werkplek is (er wordt niets overschreven).
Je hebt eerst je privésleutel nodig (uit de back-up van je sleutel) en de wachtwoordzin.

  --key BESTAND         je privésleutel
  --passphrase-file BESTAND lees de wachtwoordzin uit dit bestand (anders gevraagd, anders VP_PASSPHRASE)
  --config BESTAND      waar de instellingen komen (standaard ~/.config/vp-contact/workplace.json)
  --register MAP        waar het register komt (standaard ~/.local/share/vp-contact/register)
  --lang nl|en, --debug, --help
`,
    token: `Gebruik: vp-counsellor token [--out BESTAND]

Maakt een nieuw willekeurig token om verzoeken van de relay op te halen. Toont het token één keer
(of schrijft het met --out naar BESTAND, alleen voor jou leesbaar, zonder het te tonen), en de
regel "sha256:…" voor counsellorTokenHashes van de mailbox in de configuratie van de relay.

  --out BESTAND   schrijf het token naar dit nieuwe bestand in plaats van het te tonen
  --lang nl|en, --debug, --help
`,
    pull: `Gebruik: vp-counsellor pull --relay URL --mailbox ID --token-file BESTAND --inbox MAP [--key BESTAND]

Haalt alle wachtende verzoeken van de relay op en zet elk verzoek, nog versleuteld, in de
inbox-map; pas als het veilig op schijf staat, wordt het van de relay verwijderd. Onderbroken en
opnieuw gestart gaat er niets verloren en wordt niets dubbel opgeslagen. Met --key wordt elk nieuw
verzoek proef-ontsleuteld; een verzoek dat niet lukt, blijft bewaard en wordt gemeld.

  --relay URL               het adres van de relay: https://, of http:// alleen op deze computer
  --mailbox ID              de mailbox-id bij de relay
  --token-file BESTAND      het bestand met je token (zie "vp-counsellor token")
  --inbox MAP               de inbox-map (wordt gemaakt als die er niet is); ook VP_INBOX
  --key BESTAND             proef-ontsleutelen met deze privésleutel
  --page-size N             verzoeken per pagina, 1 tot en met 200 (standaard 100)
  --config BESTAND          lees opties uit BESTAND (standaard: vp-counsellor.json in de inbox,
                            anders ~/.config/vp-contact/counsellor.json)
  --lang nl|en, --debug, --help
`,
    list: `Gebruik: vp-counsellor list --inbox MAP --key BESTAND

Toont de verzoeken in de inbox, nieuwste eerst: wanneer ontvangen, kenmerk, naam of '(anoniem)',
hoe bereikbaar, onderwerpen, of het dringend is, en de uren die over zijn van de beloofde
reactietijd. Ontsleutelt alleen in het geheugen. Een bestand dat niet te lezen is, wordt gemeld;
de rest wordt getoond.

  --inbox MAP               de inbox-map; ook VP_INBOX
  --key BESTAND             je privésleutel (wachtwoordzin: gevraagd in de terminal, of
                            --passphrase-file, of VP_PASSPHRASE)
  --passphrase-file BESTAND lees de wachtwoordzin uit dit bestand
  --response-hours N        de beloofde reactietijd (standaard 48)
  --json                    uitvoer voor programma's
  --config BESTAND          lees opties uit BESTAND (standaard: vp-counsellor.json in de inbox,
                            anders ~/.config/vp-contact/counsellor.json)
  --lang nl|en, --debug, --help
`,
    show: `Gebruik: vp-counsellor show KENMERK|ID --inbox MAP --key BESTAND [--json]

Toont één verzoek volledig: op kenmerk (zoals de melder het voorleest, bijvoorbeeld K7P-4QX of
k7p4qx), op de id van de relay, of op de bestandsnaam in de inbox. Ontsleutelt alleen in het geheugen.

  --inbox MAP               de inbox-map; ook VP_INBOX
  --key BESTAND             je privésleutel
  --passphrase-file BESTAND lees de wachtwoordzin uit dit bestand
  --response-hours N        de beloofde reactietijd (standaard 48)
  --json                    het verzoek als JSON, voor programma's
  --config BESTAND          lees opties uit BESTAND (standaard: vp-counsellor.json in de inbox,
                            anders ~/.config/vp-contact/counsellor.json)
  --lang nl|en, --debug, --help
`,
    decrypt: `Gebruik: vp-counsellor decrypt [BESTAND] --key BESTAND

Ontsleutelt één verzoek, uit BESTAND of van standaardinvoer, en toont het als JSON.

  --key BESTAND             je privésleutel
  --passphrase-file BESTAND lees de wachtwoordzin uit dit bestand (anders gevraagd, anders VP_PASSPHRASE)
  --lang nl|en, --debug, --help
`,
    report: `Gebruik: vp-counsellor report --mailbox ID --year JJJJ --format csv|html|pdf [--out BESTAND]
         vp-counsellor report export --to SLEUTEL_COÖRDINATOR --mailbox ID --year JJJJ --out BESTAND
         vp-counsellor report --import BESTAND [--import BESTAND ...] --format csv|html|pdf [--out BESTAND]

Het jaarverslag voor de werkgever uit je register: aantallen per onderwerp, steun, afloop,
onderdeel, regio en kwartaal, kleine aantallen verborgen; geen kenmerken, namen of data. Vraagt je
wachtwoordzin (of VP_PASSPHRASE, of --passphrase-file). Pdf heeft Chromium nodig
(/usr/bin/chromium of CHROME_PATH). "export" schrijft je registraties voor een coördinator,
versleuteld met diens sleutel; "--import" (de coördinator) voegt zulke exports samen tot één
verslag, een doorgestuurde melding telt één keer.

  --mailbox ID              de mailbox van de werkgever (zoals in de instellingen, bv. voorbeeld)
  --year JJJJ               het jaar
  --format csv|html|pdf     wat er geschreven wordt (standaard html)
  --out BESTAND             schrijf hierheen in plaats van naar standaarduitvoer (nodig voor pdf en export)
  --text-file BESTAND       bewaar deze tekst als jouw trends en advies voor deze werkgever en dit jaar
  --report-settings BESTAND drempel, grootte van onderdelen, deel voor niet nagekomen afspraken
                            (standaard report-settings.json naast de werkpleginstellingen)
  --config BESTAND, --passphrase-file BESTAND, --lang nl|en, --debug, --help
`,
    hours: `Gebruik: vp-counsellor hours --mailbox ID --month JJJJ-MM --format csv|html [--out BESTAND]

De urenspecificatie van de maand bij de factuur: uren per onderdeel en totaal, meldingen waaraan
gewerkt is, gehouden afspraken, en niet nagekomen afspraken tegen het deel uit de
rapportinstellingen (standaard 50%). Niets persoonlijks: geen kenmerken, namen, onderwerpen of
data van afspraken. Vraagt je wachtwoordzin.

  --mailbox ID, --month JJJJ-MM, --format csv|html (standaard html), --out BESTAND
  --report-settings BESTAND, --config BESTAND, --passphrase-file BESTAND, --lang nl|en, --debug, --help
`,
    'demo-data': `Gebruik: vp-counsellor demo-data --cases N [--year JJJJ] [--config BESTAND]

Vult het register van deze instellingen met N verzonnen meldingen bij drie verzonnen werkgevers,
hun onderdelen en regio's, in één jaar (standaard vorig jaar), om de verslagen uit te proberen.
Weigert een register met ook maar één echte melding. Gebruik hiervoor aparte instellingen (een
andere registermap).

  --cases N                 hoeveel meldingen, 1 tot en met 100000
  --year JJJJ               het jaar van de meldingen
  --config BESTAND, --passphrase-file BESTAND, --lang nl|en, --debug, --help
`,
  },
  usage: {
    needed: (option) => `${option} is nodig (op de opdrachtregel of in vp-counsellor.json).`,
    // Node's own message names the option; it has no Dutch version.
    badOption: (nodeMessage) => `Onbekende of onjuiste optie (${nodeMessage})`,
    responseHours: '--response-hours moet een heel aantal uren zijn, minstens 1.',
    lang: '--lang moet nl of en zijn.',
    pageSize: (max) => `--page-size moet een heel getal van 1 tot en met ${max} zijn.`,
    keygenName: '--name is nodig: de naam op de sleutel, bijvoorbeeld "Vertrouwenspersonen Voorbeeld".',
    keygenEmail: '--email is nodig en moet een e-mailadres zijn.',
    keygenOut: '--out is nodig: de map waarin de sleutelbestanden komen.',
    decryptOneFile: 'Geef hoogstens één bestand; zonder bestand wordt het verzoek van standaardinvoer gelezen.',
    decryptNoInput: 'Geef een bestand, of stuur het verzoek naar binnen: vp-counsellor decrypt < verzoek.asc.',
    decryptKey: '--key is nodig: het bestand met je privésleutel.',
    decryptTooLarge: 'De invoer is veel groter dan een verzoek ooit kan zijn.',
    fileUnreadable: (file, reason) => `${file} is niet te lezen: ${reason}.`,
    showOne: 'Geef één kenmerk of id, bijvoorbeeld vp-counsellor show K7P-4QX.',
    tokenNotWritten: (file, reason) => `${file} kon niet worden geschreven: ${reason}.`,
    cardKey: '--key is nodig: het privésleutelbestand met de hoofdsleutel.',
    cardMailbox: '--mailbox is nodig: de mailbox-id, 1 tot 64 kleine letters, cijfers en streepjes.',
    cardName: '--name is nodig: de naam die medewerkers zien, hoogstens 100 tekens, zonder stuurtekens.',
    cardPhone: '--phone moet een telefoonnummer zijn, zoals +31 20 000 0000.',
    cardEmail: '--email moet een e-mailadres zijn, zoals vp@voorbeeld.example.',
    cardContact: 'Geef --phone of --email (of beide): de widget biedt ze aan als versturen mislukt.',
    cardResponseHours: (max) => `--response-hours moet een heel aantal uren zijn, van 1 tot ${max}.`,
    cardValidDays: (max) => `--valid-days moet een heel aantal dagen zijn, van 1 tot ${max}.`,
    cardSubkey: (position) => `--subkey nummer ${position} is geen vingerafdruk: 40 (of 64) hexadecimale tekens, spaties mogen.`,
    cardCounsellor: (position) =>
      `--counsellor nummer ${position} moet "Naam|Regio|nl,en" zijn: een naam van hoogstens 100 tekens, een regio en taalcodes mogen; hoogstens 20 vertrouwenspersonen.`,
    cardOut: '--out is nodig: het kaartbestand dat geschreven wordt, bv. card.asc.',
    cardNotWritten: (file, reason) => `${file} kon niet worden geschreven: ${reason}.`,
    rotateKey: '--key is nodig: het privésleutelbestand met de hoofdsleutel.',
    rotateOut: '--out is nodig: een nieuwe map voor de nieuwe sleutelbestanden.',
    rotateReason: '--reason moet superseded of compromised zijn.',
    rotateValidYears: '--valid-years moet een heel aantal jaren zijn, van 1 tot 10.',
  },
  errorPrefix: 'fout',
  usagePrefix: 'verkeerd gebruik',
  seeHelp: (command) => `Zie "vp-counsellor ${command} --help" voor de opties.`,
  anonymous: '(anoniem)',
  yes: 'ja',
  no: 'nee',
  notSaid: 'niet opgegeven',
  urgent: 'DRINGEND',
  hoursLeft: (h) => `${h} u`,
  overdue: (h) => `${h} u te laat`,
  columns: { received: 'Ontvangen', reference: 'Kenmerk', name: 'Naam', reach: 'Bereikbaar via', topics: 'Onderwerpen', urgent: 'Dringend', left: 'Tijd over' },
  topics: {
    bullying: 'pesten',
    'sexual-harassment': 'seksuele intimidatie',
    harassment: 'intimidatie',
    discrimination: 'discriminatie',
    'aggression-violence': 'agressie of geweld',
    other: 'anders',
    'not-sure': 'weet niet',
  },
  meetings: {
    phone: 'telefonisch',
    video: 'via video',
    'at-work': 'op het werk',
    'outside-work': 'buiten het werk',
    'at-home': 'thuis',
  },
  hrNotices: {
    anonymous: 'alleen anoniem: dat er een verzoek kwam, met datum en regio',
    named: 'met datum en naam',
    none: 'niets (de voorwaarden van de werkgever: HR hoort niets over losse verzoeken)',
  },
  fields: {
    reference: 'Kenmerk',
    received: 'Ontvangen',
    submitted: 'Verstuurd',
    respondBy: 'Reageren voor',
    name: 'Naam',
    phone: 'Telefoon',
    email: 'E-mail',
    preferredTimes: 'Beste tijden',
    voicemail: 'Voicemail inspreken mag',
    textMessages: 'Sms of tekstbericht mag',
    identify: 'Mag zeggen wie er belt',
    meeting: 'Wil graag afspreken',
    conversationLanguage: 'Taal voor het gesprek',
    formLanguage: 'Taal van het formulier',
    region: 'Regio',
    unit: 'Bedrijfsonderdeel',
    topics: 'Gaat over',
    urgent: 'Dringend',
    hrNotice: 'HR mag horen',
    message: 'Bericht',
    file: 'Bestand in inbox',
    relayId: 'Relay-id',
  },
  formLanguages: { nl: 'Nederlands', en: 'Engels' },
  inboxEmpty: 'Er staan geen verzoeken in de inbox.',
  unreadableHeader: (n) => `${n} bestand(en) in de inbox konden niet worden gelezen (ze blijven staan):`,
  unreadableLine: (file, reason) => `  ${file}: ${reason}`,
  pullProgress: (stored, received) => `${stored} nieuw opgeslagen van ${received} ontvangen…`,
  pullNone: 'Er stonden geen verzoeken klaar.',
  pullDone: (stored, again) =>
    `${stored} nieuw(e) verzoek(en) in de inbox gezet${again > 0 ? ` (${again} stonden er al en zijn niet dubbel opgeslagen)` : ''}.`,
  pullUndecryptable: (n) => `${n} verzoek(en) konden niet worden ontsleuteld met deze sleutel. Ze blijven in de inbox:`,
  openToOthers: (file) => `Let op: ${file} is leesbaar voor andere gebruikers van deze computer. Maak het alleen van jou: chmod 600 ${file}`,
  passphrasePrompt: 'Wachtwoordzin van de privésleutel: ',
  passphraseMissing:
    'De privésleutel heeft zijn wachtwoordzin nodig: geef --passphrase-file BESTAND of zet VP_PASSPHRASE (er is geen terminal om het te vragen).',
  newPassphrasePrompt: 'Wachtwoordzin voor de nieuwe sleutel: ',
  newPassphraseAgain: 'Nog een keer dezelfde wachtwoordzin: ',
  keygenDone: (file) => `Nieuwe sleutel gemaakt. De privésleutel staat in ${file}: houd hem op deze computer en maak een reservekopie (zie de handleiding).`,
  keygenFingerprint: 'Vingerafdruk:',
  keygenRelay: (file: string) => `Voor de configuratie van de relay, bij deze mailbox, nadat je ${file} hebt gekopieerd naar een map keys/ naast het configuratiebestand van de relay (of plak de publieke sleutel zelf):`,
  keygenWidget: 'Voor de insluitcode van de widget:',
  keygenRevocation: (file) => `Een intrekkingscertificaat staat in ${file}: bewaar een kopie apart van de sleutel (op papier of een USB-stick in een kluis).`,
  keygenNext: (file) =>
    `Volgende stap: onderteken de mailboxkaart voor elke mailbox die deze sleutel gebruikt (zonder kaart verstuurt de widget niets):\n  vp-counsellor card --key ${file} --mailbox ID --name NAAM --phone TEL --email E-MAIL --out card.asc`,
  rotateDone: (fingerprint) => `Nieuwe versleutelsubsleutel toegevoegd: ${fingerprint}`,
  rotateRevoked: (fingerprint) => `De oude ingetrokken:                    ${fingerprint}`,
  rotateFiles: 'Geschreven:',
  rotateFilePrivate: 'de bijgewerkte sleutel met de hoofdsleutel: vervangt het oude bestand hier en op de reservekopieën',
  rotateFilePublic: 'voor de relay: vervangt keys/public.asc',
  rotateFileLaptop: 'voor de laptops van de vertrouwenspersonen: alleen de nieuwe subsleutel (chmod 600)',
  rotateFileTransition: 'oude en nieuwe subsleutel: alleen zolang verzoeken van voor de wissel ongelezen zijn',
  rotateNext: 'Volgende stap: onderteken voor elke mailbox een nieuwe kaart die alleen de nieuwe subsleutel noemt:',
  rotateRelay: 'Geef de relay public.asc en de nieuwe kaart, en herstart hem. Vanaf dan gaan verzoeken alleen naar de nieuwe subsleutel.',
  cardDone: (mailbox, file) => `Mailboxkaart voor mailbox "${mailbox}" ondertekend in ${file}:`,
  cardFields: { name: 'Naam', phone: 'Telefoon', email: 'E-mail', responseHours: 'Reactietijd', counsellors: 'Vertrouwenspersonen', encryptsTo: 'Versleutelt voor', validUntil: 'Geldig tot' },
  cardHours: (h) => `${h} uur`,
  cardKeyExpiresFirst: (day) => `Let op: de sleutel of een subsleutel op de kaart verloopt op ${day}, eerder dan de kaart; vanaf dan is de kaart niet geldig. Verleng de sleutel, of onderteken op tijd een nieuwe kaart.`,
  cardRelay: (file) => `Voor de configuratie van de relay, bij deze mailbox, nadat je ${file} hebt gekopieerd naar de map keys/ naast het configuratiebestand van de relay:`,
  cardRestart: 'Herstart daarna de relay: hij leest kaarten alleen bij het starten. Onderteken een nieuwe kaart voordat deze verloopt, en na elke wijziging van subsleutels.',
  tokenIntro: 'Een nieuw token voor de vertrouwenspersoon-tools. Het wordt maar één keer getoond: zet het in een bestand dat alleen jij kunt lezen.',
  tokenWritten: (file) => `Het token staat in ${file} (alleen leesbaar voor jou).`,
  tokenHash: 'Voor de configuratie van de relay, bij counsellorTokenHashes van deze mailbox:',
  // The same in Dutch for the failures a counsellor meets; where the library's details (an
  // address, a field) matter, its English message follows in brackets.
  errors: {
    'relay-url-invalid': (d) => `Het relay-adres "${d.relay}" is geen URL; schrijf het zoals https://relay.voorbeeld.example.`,
    'relay-url-insecure': 'Het relay-adres moet beginnen met https:// (http:// alleen voor een relay op deze computer: localhost, 127.0.0.1 of ::1).',
    'mailbox-invalid': (d) => `De mailbox-id "${d.mailbox}" klopt niet: gebruik kleine letters, cijfers en streepjes.`,
    'token-invalid': 'Het token is leeg of bevat spaties; het tokenbestand moet precies het token bevatten.',
    'token-file-unreadable': (d) => `Het tokenbestand ${d.file} is niet te lezen: ${d.detail}.`,
    'relay-unreachable': (_d, detail) => `De relay is niet bereikbaar. Controleer het adres en de netwerkverbinding. (${detail})`,
    'relay-timeout': (_d, detail) => `De relay antwoordde niet op tijd. Probeer het later opnieuw. (${detail})`,
    'relay-bad-response': (_d, detail) => `De relay antwoordde met iets onverwachts. Is dit het goede adres, en is de relay bijgewerkt? (${detail})`,
    'inbox-unusable': (_d, detail) => `De inbox-map is niet te gebruiken. (${detail})`,
    'key-file-unreadable': (_d, detail) => `Het sleutelbestand is niet te lezen. Controleer --key. (${detail})`,
    'config-invalid': (_d, detail) => `Het instellingenbestand klopt niet. (${detail})`,
    'passphrase-too-short': 'De wachtwoordzin is te kort: gebruik minstens 12 tekens, bijvoorbeeld een paar losse woorden.',
    'passphrase-mismatch': 'De twee wachtwoordzinnen zijn niet gelijk. Probeer het opnieuw.',
    'card-cannot-sign': (d) =>
      d.problem === 'no-primary-secret'
        ? 'Dit sleutelbestand bevat geen geheim van de hoofdsleutel (alleen subsleutels, zoals op de laptop van een vertrouwenspersoon). Onderteken de kaart met --key naar de hoofdsleutel, waar die bewaard wordt.'
        : 'De hoofdsleutel kan nu niet ondertekenen: hij is ingetrokken, verlopen of geen ondertekensleutel. Er is niets geschreven.',
    'rotate-refused': (d) =>
      d.problem === 'no-primary-secret'
        ? 'Dit sleutelbestand bevat geen geheim van de hoofdsleutel (alleen subsleutels, zoals op de laptop van een vertrouwenspersoon); alleen de hoofdsleutel kan subsleutels wijzigen. Er is niets geschreven.'
        : 'De hoofdsleutel is ingetrokken of verlopen: hij kan geen nieuwe subsleutel krijgen. Maak een nieuwe sleutel (zie de handleiding). Er is niets geschreven.',
    'card-no-encryption-key': 'De sleutel heeft geen subsleutel die nu kan versleutelen (alle ingetrokken of verlopen). Voeg eerst een nieuwe versleutelsubsleutel toe (zie de handleiding). Er is niets geschreven.',
    'card-subkey-unusable': (d) =>
      d.problem === 'not-in-key'
        ? `--subkey ${d.fingerprint} is geen subsleutel van deze sleutel. Controleer de vingerafdruk (gpg --list-keys --with-subkey-fingerprints). Er is niets geschreven.`
        : `--subkey ${d.fingerprint} kan nu niet versleutelen: hij is ingetrokken, verlopen of geen versleutelsleutel. Er is niets geschreven.`,
    'card-exists': (d) =>
      d.problem === 'exists'
        ? `${d.file} bestaat al; voeg --replace toe om daar een oudere kaart te vervangen.`
        : `${d.file} is geen mailboxkaart, en alleen een kaart wordt ooit vervangen. Kies een ander bestand met --out.`,
    'not-armored': 'Dit is geen versleuteld verzoek (geen -----BEGIN PGP MESSAGE-----).',
    corrupt: 'Dit verzoek is beschadigd en kan niet worden gelezen. Het bestand blijft staan.',
    truncated: 'Dit verzoek is afgebroken: het bestand is onvolledig. Het bestand blijft staan.',
    'schema-invalid': (_d, detail) => `Dit verzoek is ontsleuteld, maar heeft niet de verwachte vorm. (${detail})`,
    'relay-unauthorized': 'De relay weigert het token voor deze mailbox. Controleer het tokenbestand en of de sha256-regel in de configuratie van de relay staat.',
    'relay-error': 'De relay gaf een fout. Er is niets verloren: probeer het later opnieuw en meld het aan de beheerder als het blijft gebeuren.',
    'relay-not-found': 'Dit adres bestaat niet op de relay. Controleer de relay-URL en de mailbox-id.',
    'wrong-passphrase': 'De wachtwoordzin past niet op de privésleutel.',
    'passphrase-missing': (d) =>
      d.problem === 'file-unreadable'
        ? `Het bestand met de wachtwoordzin, ${d.file}, is niet te lezen. (${d.detail})`
        : d.problem === 'stopped'
          ? 'Gestopt bij de vraag om de wachtwoordzin.'
          : 'Er is geen wachtwoordzin: geef --passphrase-file BESTAND of zet VP_PASSPHRASE.',
    'wrong-recipient': 'Dit verzoek is versleuteld voor een andere sleutel dan deze privésleutel.',
    'entry-not-found': (d) => `Geen verzoek in de inbox met het kenmerk of de id "${d.query}".`,
    'inbox-missing': 'Die inbox-map bestaat niet. Haal eerst verzoeken op met pull, of controleer --inbox.',
    'key-exists': (d) =>
      d.kind === 'token'
        ? `${d.file} bestaat al; een tokenbestand wordt nooit overschreven.`
        : 'Daar staat al een sleutel; die wordt nooit overschreven. Kies een andere map met --out.',
  },
};

export const messages: Record<Lang, Messages> = { en, nl };
export type { Messages };
