import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX } from '@vp-contact/protocol/http';
import { Inbox } from '../inbox.js';
import { pull as pullRequests } from '../pull.js';
import { RelayClient } from '../relay-client.js';
import { defineCommand, KEY_OPTIONS } from './define-command.js';
import { describeError } from './describe-error.js';
import { loadPrivateKey, readTokenFile, required } from './settings.js';
import { usage } from './usage-error.js';

export const pull = defineCommand({
  name: 'pull',
  options: {
    ...KEY_OPTIONS,
    relay: { type: 'string' },
    mailbox: { type: 'string' },
    'token-file': { type: 'string' },
    inbox: { type: 'string' },
    'page-size': { type: 'string' },
  },
  async run({ values, settings: s, io }) {
    const pageSize = values['page-size'] === undefined ? LIST_LIMIT_DEFAULT : Number(values['page-size']);
    // The relay answers at most LIST_LIMIT_MAX per page and refuses a larger limit.
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > LIST_LIMIT_MAX) throw usage('pageSize', String(LIST_LIMIT_MAX));
    const relay = required(s.relay, '--relay');
    const mailbox = required(s.mailbox, '--mailbox');
    required(s.tokenFile, '--token-file');
    const inboxDir = required(s.inbox, '--inbox');
    const client = new RelayClient({ relay, mailbox, token: await readTokenFile(s, io) });
    // Unlock first: a wrong passphrase should stop the pull before anything moves.
    const privateKeys = s.key ? [await loadPrivateKey(s, io)] : undefined;
    const inbox = await Inbox.open(inboxDir, { create: true });
    let progressShown = false;
    const result = await pullRequests({
      client,
      inbox,
      pageSize,
      privateKeys,
      onProgress(progress) {
        if (io.stderr.isTTY && (progressShown || progress.received >= 50)) {
          progressShown = true;
          io.stderr.status(s.t.pullProgress(progress.stored, progress.received));
        }
      },
    });
    if (progressShown) io.stderr.write('\n');
    io.stdout.write(`${result.received === 0 ? s.t.pullNone : s.t.pullDone(result.stored, result.received - result.stored)}\n`);
    if (result.undecryptable.length > 0) {
      io.stderr.write(`${s.t.pullUndecryptable(result.undecryptable.length)}\n`);
      for (const { entry, error } of result.undecryptable) {
        io.stderr.write(`${s.t.unreadableLine(entry.file, describeError(error, s.lang))}\n`);
      }
      return 1;
    }
    return 0;
  },
});
