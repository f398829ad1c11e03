import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { hashToken, makeToken } from '@vp-contact/protocol';
import { CounsellorError } from '../errors.js';
import { defineCommand } from './define-command.js';
import { UsageError } from './usage-error.js';

export const token = defineCommand({
  name: 'token',
  options: { out: { type: 'string' } },
  async run({ values, settings: s, io }) {
    const value = makeToken();
    const hash = await hashToken(value);
    if (values.out) {
      const file = resolve(values.out);
      try {
        await writeFile(file, `${value}\n`, { flag: 'wx', mode: 0o600 });
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new CounsellorError('key-exists', `${file} already exists; a token file is never overwritten.`, { cause, data: { file, kind: 'token' } });
        }
        throw new UsageError('tokenNotWritten', [file, (cause as Error).message], { cause });
      }
      io.stdout.write(`${s.t.tokenWritten(file)}\n\n${s.t.tokenHash}\n  "${hash}"\n`);
    } else {
      io.stdout.write(`${s.t.tokenIntro}\n\n  ${value}\n\n${s.t.tokenHash}\n  "${hash}"\n`);
    }
    return 0;
  },
});
