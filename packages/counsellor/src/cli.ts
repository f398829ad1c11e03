/**
 * vp-counsellor: one file per command in commands/, dispatched here. Exit 0 when it worked, 1
 * when the work failed, 2 for wrong usage; an error is one line, with the stack only under --debug.
 */
import { isProtocolError } from '@vp-contact/protocol';
import { decrypt } from './commands/decrypt.js';
import { describeError } from './commands/describe-error.js';
import { earlyLang, type Command, type Io } from './commands/common.js';
import { keygen } from './commands/keygen.js';
import { list } from './commands/list.js';
import { pull } from './commands/pull.js';
import { show } from './commands/show.js';
import { token } from './commands/token.js';
import { isCounsellorError, type CounsellorError } from './errors.js';
import { messages } from './i18n.js';

const COMMANDS: readonly Command[] = [keygen, token, pull, list, show, decrypt];

function overview(lang: 'en' | 'nl'): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(9)}${c.summary[lang]}`);
  return lang === 'nl'
    ? `Gebruik: vp-counsellor OPDRACHT [opties]\n\nVerzoeken voor de vertrouwenspersoon ophalen, ontsleutelen en lezen, op je eigen computer.\n\n${lines.join('\n')}\n\nZie "vp-counsellor OPDRACHT --help". De dagelijkse routine: vp-counsellor pull, dan vp-counsellor list.\n`
    : `Usage: vp-counsellor COMMAND [options]\n\nPull, decrypt and read requests for the confidential counsellor, on your own machine.\n\n${lines.join('\n')}\n\nSee "vp-counsellor COMMAND --help". The daily routine: vp-counsellor pull, then vp-counsellor list.\n`;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const lang = earlyLang(argv, io.env);
  const t = messages[lang];
  // --lang may also come before the command: vp-counsellor --lang nl list.
  const leading = argv[0] === '--lang' ? 2 : argv[0]?.startsWith('--lang=') ? 1 : 0;
  const [name, ...afterName] = argv.slice(leading);
  const rest = [...afterName, ...argv.slice(0, leading)];
  const debug = argv.includes('--debug');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview(lang));
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`vp-counsellor: ${t.usagePrefix}: unknown command "${name}". ${COMMANDS.map((c) => c.name).join(', ')}.\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    if (isCounsellorError(err, 'usage')) {
      const text = lang === 'nl' ? ((err as CounsellorError).dutch ?? err.message) : err.message;
      io.stderr.write(`vp-counsellor ${name}: ${t.usagePrefix}: ${text} ${t.seeHelp(name)}\n`);
      if (debug) io.stderr.write(`${err.stack}\n`);
      return 2;
    }
    const known = isCounsellorError(err) || isProtocolError(err);
    io.stderr.write(`vp-counsellor ${name}: ${t.errorPrefix}: ${describeError(err as Error & { code?: string }, t)}\n`);
    if (debug) io.stderr.write(`${err.stack}\n`);
    else if (!known) io.stderr.write(`(${lang === 'nl' ? 'meer details met --debug' : 'more detail with --debug'})\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
