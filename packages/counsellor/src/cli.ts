/**
 * vp-counsellor: one file per command in commands/, dispatched here. Exit 0 when it worked, 1
 * when the work failed, 2 for wrong usage; an error is one line, with the stack only under --debug.
 * Everything printed goes through safeIo (commands/output.ts): nothing from outside can steer the
 * terminal.
 */
import { isProtocolError } from '@vp-contact/protocol';
import { card } from './commands/card.js';
import { decrypt } from './commands/decrypt.js';
import type { Command } from './commands/define-command.js';
import { describeError } from './commands/describe-error.js';
import { keygen } from './commands/keygen.js';
import { list } from './commands/list.js';
import { safeIo, type Streams } from './commands/output.js';
import { pull } from './commands/pull.js';
import { rotate } from './commands/rotate.js';
import { earlyLang } from './commands/settings.js';
import { show } from './commands/show.js';
import { token } from './commands/token.js';
import { backup } from './commands/backup.js';
import { restore } from './commands/restore.js';
import { serve } from './commands/serve.js';
import { report } from './commands/report.js';
import { hours } from './commands/hours.js';
import { demoData } from './commands/demo-data.js';
import { UsageError } from './commands/usage-error.js';
import { isCounsellorError, type CounsellorErrorCode } from './errors.js';
import { messages, type Lang } from './i18n.js';

const COMMANDS: readonly Command[] = [keygen, card, rotate, token, serve, backup, restore, pull, list, show, decrypt, report, hours, demoData];

// Library errors that mean the command was given something unusable (exit 2, like a usage error).
const USAGE_CODES: readonly CounsellorErrorCode[] = ['relay-url-invalid', 'relay-url-insecure', 'mailbox-invalid', 'token-invalid', 'token-file-unreadable'];

function overview(lang: Lang): string {
  const t = messages[lang];
  return t.overview(COMMANDS.map((c) => `  ${c.name.padEnd(10)}${t.summaries[c.name]}`).join('\n'));
}

export async function main(argv: string[], streams: Streams): Promise<number> {
  const io = safeIo(streams);
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
    io.stderr.write(`vp-counsellor: ${t.usagePrefix}: ${t.unknownCommand(name, COMMANDS.map((c) => c.name).join(', '))}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    const text = describeError(err, lang);
    if (err instanceof UsageError || USAGE_CODES.some((code) => isCounsellorError(err, code))) {
      io.stderr.write(`vp-counsellor ${name}: ${t.usagePrefix}: ${text} ${t.seeHelp(name)}\n`);
      if (debug) io.stderr.write(`${err.stack}\n`);
      return 2;
    }
    const known = isCounsellorError(err) || isProtocolError(err) || err.name === 'WorkplaceError';
    io.stderr.write(`vp-counsellor ${name}: ${t.errorPrefix}: ${text}\n`);
    if (debug) io.stderr.write(`${err.stack}\n`);
    else if (!known) io.stderr.write(`${t.moreWithDebug}\n`);
    return 1;
  }
}

const code = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
