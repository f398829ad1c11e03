import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { decryptRequest } from '../decrypt.js';
import { CounsellorError } from '../errors.js';
import { COMMON_OPTIONS, earlyLang, KEY_OPTIONS, loadPrivateKey, parsing, settings, usage, type Command } from './common.js';

const HELP = {
  en: `Usage: vp-counsellor decrypt [FILE] --key FILE

Decrypts one armored request, from FILE or from standard input, and prints it as JSON.

  --key FILE                your private key
  --passphrase-file FILE    read the passphrase from this file (else VP_PASSPHRASE, else asked)
  --lang nl|en, --debug, --help
`,
  nl: `Gebruik: vp-counsellor decrypt [BESTAND] --key BESTAND

Ontsleutelt één verzoek, uit BESTAND of van standaardinvoer, en toont het als JSON.

  --key BESTAND             je privésleutel
  --passphrase-file BESTAND lees de wachtwoordzin uit dit bestand (anders VP_PASSPHRASE, anders gevraagd)
  --lang nl|en, --debug, --help
`,
};

const OPTIONS = { ...COMMON_OPTIONS, ...KEY_OPTIONS } as const;
const MAX_INPUT = 256 * 1024;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT) throw new CounsellorError('usage', 'The input is far larger than any request can be.', { dutch: 'De invoer is veel groter dan een verzoek ooit kan zijn.' });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const decrypt: Command = {
  name: 'decrypt',
  summary: { en: 'decrypt one request to JSON', nl: 'ontsleutel één verzoek naar JSON' },
  async run(args, io) {
    const { values, positionals } = parsing(() => parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true }));
    if (values.help) {
      io.stdout.write(HELP[earlyLang(args, io.env)]);
      return 0;
    }
    const s = await settings(values, io);
    if (positionals.length > 1) throw usage('Give at most one file; without one, the request is read from standard input.', 'Geef hoogstens één bestand; zonder bestand wordt het verzoek van standaardinvoer gelezen.');
    const file = positionals[0];
    if (file === undefined && process.stdin.isTTY) throw usage('Give a file, or pipe the request in: vp-counsellor decrypt < request.asc.', 'Geef een bestand, of stuur het verzoek naar binnen: vp-counsellor decrypt < verzoek.asc.');
    if (!s.key) throw usage('--key is needed: your private key file.', '--key is nodig: het bestand met je privésleutel.');
    let armored: string;
    try {
      armored = file === undefined || file === '-' ? await readStdin() : await readFile(file, 'utf8');
    } catch (cause) {
      if (cause instanceof CounsellorError) throw cause;
      throw new CounsellorError('usage', `${file} could not be read: ${(cause as Error).message}.`, { cause, dutch: `${file} is niet te lezen: ${(cause as Error).message}.` });
    }
    const key = await loadPrivateKey(s, io);
    const request = await decryptRequest(armored, [key]);
    io.stdout.write(`${JSON.stringify(request, null, 2)}\n`);
    return 0;
  },
};
