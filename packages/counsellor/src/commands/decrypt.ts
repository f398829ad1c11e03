import { readFile } from 'node:fs/promises';
import { decryptRequest } from '../decrypt.js';
import { printableJson } from '../printable.js';
import { defineCommand, KEY_OPTIONS } from './define-command.js';
import { loadPrivateKey } from './settings.js';
import { usage, UsageError } from './usage-error.js';

const MAX_INPUT = 256 * 1024;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT) throw usage('decryptTooLarge');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const decrypt = defineCommand({
  name: 'decrypt',
  options: KEY_OPTIONS,
  positionals: true,
  async run({ positionals, settings: s, io }) {
    if (positionals.length > 1) throw usage('decryptOneFile');
    const file = positionals[0];
    if (file === undefined && process.stdin.isTTY) throw usage('decryptNoInput');
    if (!s.key) throw usage('decryptKey');
    let armored: string;
    try {
      armored = file === undefined || file === '-' ? await readStdin() : await readFile(file, 'utf8');
    } catch (cause) {
      if (cause instanceof UsageError) throw cause;
      throw new UsageError('fileUnreadable', [file ?? '-', (cause as Error).message], { cause });
    }
    const key = await loadPrivateKey(s, io);
    const request = await decryptRequest(armored, [key]);
    io.stdout.write(`${printableJson(request)}\n`);
    return 0;
  },
});
