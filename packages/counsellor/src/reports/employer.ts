/** Which employer a --mailbox (or ?mailbox=) means: a mailbox in the settings, else one in the register (demo data). */
import { WorkplaceError } from '../workplace/errors.js';
import type { Register } from '../workplace/register.js';
import type { WorkplaceSettings } from '../workplace/settings.js';

export function findEmployer(settings: Pick<WorkplaceSettings, 'mailboxes'>, register: Register, mailbox: string): { mailboxId: string; employer: string } {
  const set = settings.mailboxes.find((m) => m.id === mailbox || m.mailbox === mailbox);
  if (set) return { mailboxId: set.id, employer: set.employer };
  const cases = register.cases();
  const found = cases.find((c) => c.mailboxId === mailbox || c.mailboxId.split('@')[0] === mailbox);
  if (found) return { mailboxId: found.mailboxId, employer: found.employer };
  const known = [...new Set([...settings.mailboxes.map((m) => m.id), ...cases.map((c) => c.mailboxId)])];
  throw new WorkplaceError('not-found', `There is no employer with the mailbox "${mailbox}" in your settings or register${known.length ? `; these are known: ${known.join(', ')}` : ''}.`, 'mailbox');
}
