/**
 * Where a passphrase comes from: --passphrase-file, the VP_PASSPHRASE environment variable, or a
 * prompt on the terminal without echo. Never a command-line argument: those end up in shell
 * history and in every process listing.
 */
import { readFile } from 'node:fs/promises';
import { CounsellorError } from './errors.js';

export interface PassphraseOptions {
  readonly passphraseFile?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** The question to ask on a terminal. */
  readonly prompt: string;
  /** What to say when there is no terminal to ask on. */
  readonly missing: string;
}

/** Reads the passphrase from the first source that has one. */
export async function getPassphrase(options: PassphraseOptions): Promise<string> {
  if (options.passphraseFile) {
    let text: string;
    try {
      text = await readFile(options.passphraseFile, 'utf8');
    } catch (cause) {
      throw new CounsellorError('passphrase-missing', `The passphrase file ${options.passphraseFile} could not be read: ${(cause as Error).message}.`, {
        cause,
        data: { problem: 'file-unreadable', file: options.passphraseFile, detail: (cause as Error).message },
      });
    }
    // Only the line ending an editor adds is dropped: spaces may belong to the passphrase.
    return text.replace(/\r?\n$/, '');
  }
  const fromEnv = (options.env ?? process.env).VP_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (process.stdin.isTTY && process.stderr.isTTY) return promptHidden(options.prompt);
  throw new CounsellorError('passphrase-missing', options.missing, { data: { problem: 'no-terminal', said: options.missing } });
}

/** Asks on the terminal (on stderr, so stdout stays clean for output) without echoing what is typed. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let answer = '';
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new CounsellorError('passphrase-missing', 'Stopped at the passphrase prompt.', { data: { problem: 'stopped' } }));
        if (char === '\u0004') return finish();
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    stdin.on('data', onData);
  });
}
