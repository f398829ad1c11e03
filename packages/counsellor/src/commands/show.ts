import { findInboxRequest, notFound } from '../decrypt.js';
import { formatRequest } from '../format.js';
import { Inbox } from '../inbox.js';
import { printableJson } from '../printable.js';
import { defineCommand, KEY_OPTIONS } from './define-command.js';
import { describeError } from './describe-error.js';
import { loadPrivateKey, required } from './settings.js';
import { usage } from './usage-error.js';

export const show = defineCommand({
  name: 'show',
  options: { ...KEY_OPTIONS, inbox: { type: 'string' }, json: { type: 'boolean' } },
  positionals: true,
  async run({ values, positionals, settings: s, io }) {
    if (positionals.length !== 1) throw usage('showOne');
    const query = positionals[0]!;
    const inbox = await Inbox.open(required(s.inbox, '--inbox'));
    const key = await loadPrivateKey(s, io);
    const { match, unreadable } = await findInboxRequest(inbox, query, [key]);
    for (const { entry, error } of unreadable) io.stderr.write(`${s.t.unreadableLine(entry.file, describeError(error, s.lang))}\n`);
    if (match === null) throw notFound(query);
    if (!match.ok) {
      io.stderr.write(`${s.t.unreadableLine(match.entry.file, describeError(match.error, s.lang))}\n`);
      return 1;
    }
    if (values.json) {
      const { entry, request } = match;
      io.stdout.write(`${printableJson({ id: entry.id, receivedAt: entry.receivedAt, file: entry.file, request })}\n`);
    } else {
      io.stdout.write(formatRequest(match.entry, match.request, s.t, s.responseHours));
    }
    return 0;
  },
});
