import { readInbox } from '../decrypt.js';
import { formatTable, type ListRow } from '../format.js';
import { Inbox } from '../inbox.js';
import { printableJson } from '../printable.js';
import { defineCommand, KEY_OPTIONS } from './define-command.js';
import { describeError } from './describe-error.js';
import { loadPrivateKey, required } from './settings.js';

export const list = defineCommand({
  name: 'list',
  options: { ...KEY_OPTIONS, inbox: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, settings: s, io }) {
    const inbox = await Inbox.open(required(s.inbox, '--inbox'));
    const key = await loadPrivateKey(s, io);
    const results = await readInbox(inbox, [key]);
    const rows: ListRow[] = results.flatMap((r) => (r.ok ? [{ entry: r.entry, request: r.request }] : []));
    const failed = results.flatMap((r) => (r.ok ? [] : [r]));
    if (values.json) {
      const out = {
        requests: rows.map(({ entry, request }) => ({ id: entry.id, receivedAt: entry.receivedAt, file: entry.file, request })),
        unreadable: failed.map(({ entry, error }) => ({ id: entry.id, file: entry.file, code: error.code ?? null, message: error.message })),
      };
      io.stdout.write(`${printableJson(out)}\n`);
    } else {
      // "No requests" only when there are none: unreadable files are reported below instead.
      if (rows.length > 0) io.stdout.write(formatTable(rows, s.t, s.responseHours));
      else if (failed.length === 0) io.stdout.write(`${s.t.inboxEmpty}\n`);
    }
    if (failed.length > 0) {
      io.stderr.write(`${s.t.unreadableHeader(failed.length)}\n`);
      for (const { entry, error } of failed) io.stderr.write(`${s.t.unreadableLine(entry.file, describeError(error, s.lang))}\n`);
    }
    return 0;
  },
});
