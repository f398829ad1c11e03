/**
 * Forwarding a case to a colleague: the request and the case so far (as plain words) are
 * encrypted to the colleague's public key only, padded like a request, and posted to the
 * colleague's personal mailbox on the relay. Only after the relay confirmed it (202) is the case
 * marked "forwarded to <name>" here; a refusal changes nothing and says why.
 */
import { readFile } from 'node:fs/promises';
import * as v from 'valibot';
import { encryptForwardedCase, FORWARD_SUMMARY_MAX_LENGTH, readRecipientKey } from '@vp-contact/protocol';
import { relayUrl } from '../relay-client.js';
import { parseBody } from './case-file.js';
import { WorkplaceError } from './errors.js';
import { caseDetail, type CaseDetail } from './inbox-view.js';
import type { Session } from './session.js';

const ForwardSchema = v.strictObject({
  colleague: v.pipe(v.string('must be text'), v.minLength(1, 'must not be empty'), v.maxLength(100, 'must be at most 100 characters')),
  /** Whether the notes go along (the rest of the case always does). */
  includeNotes: v.optional(v.boolean('must be true or false'), true),
});

/** The case so far, in plain words for the colleague. */
function summarise(detail: CaseDetail, includeNotes: boolean): string {
  const lines: string[] = [];
  lines.push(`Status: ${detail.status}`);
  for (const s of detail.statusHistory) lines.push(`- ${s.at}: ${s.status}`);
  if (detail.appointments.length > 0) {
    lines.push('', 'Appointments:');
    for (const a of detail.appointments) lines.push(`- ${a.at} ${a.channel}${a.place ? ` (${a.place})` : ''}${a.outcome ? `: ${a.outcome}` : ''}`);
  }
  if (detail.time.length > 0) lines.push('', `Time spent: ${detail.totalMinutes} minutes`);
  if (detail.hr) lines.push('', `HR notified: ${detail.hr.notified ? 'yes' : 'no'}, consent: ${detail.hr.consent}${detail.hr.note ? ` (${detail.hr.note})` : ''}`);
  if (detail.referrals.length > 0) {
    lines.push('', 'Referrals:');
    for (const r of detail.referrals) lines.push(`- ${r.to}${r.detail ? `: ${r.detail}` : ''}`);
  }
  if (includeNotes && detail.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const n of detail.notes) lines.push(`- ${n.at}:`, n.text);
  }
  return lines.join('\n');
}

export async function forwardCase(session: Session, id: number, body: unknown): Promise<void> {
  const input = parseBody(ForwardSchema, body);
  const { register, book } = session.open;
  const row = register.case(id);
  if (!row) throw new WorkplaceError('not-found', `There is no case ${id}.`);
  if (row.status === 'forwarded') throw new WorkplaceError('conflict', `Case ${id} was forwarded already.`);
  const colleague = session.settings.colleagues.find((c) => c.name === input.colleague);
  if (!colleague) throw new WorkplaceError('not-found', `There is no colleague named ${JSON.stringify(input.colleague)} in the settings.`, 'colleague');
  let recipient;
  try {
    recipient = await readRecipientKey(await readFile(colleague.publicKey, 'utf8'));
  } catch (cause) {
    throw new WorkplaceError('settings-invalid', `The public key of ${colleague.name} (${colleague.publicKey}) cannot be used: ${(cause as Error).message}`);
  }
  const summary = summarise(caseDetail(register, row, session.now(), session.settings.reminderHours), input.includeNotes);
  if (summary.length > FORWARD_SUMMARY_MAX_LENGTH) {
    throw new WorkplaceError('invalid', `includeNotes: the case is too long to forward with its notes (${summary.length} characters, at most ${FORWARD_SUMMARY_MAX_LENGTH}); forward it without notes.`, 'includeNotes');
  }
  const ciphertext = await encryptForwardedCase(
    {
      version: 1,
      kind: 'forwarded-case',
      from: session.settings.name ?? (session.open.privateKey.getUserIDs()[0] ?? 'a colleague').slice(0, 100),
      forwardedAt: session.now().toISOString(),
      employer: row.employer,
      receivedAt: row.receivedAt,
      request: row.request,
      summary,
    },
    [recipient],
  );
  const url = new URL(`v1/mailboxes/${colleague.mailbox}/requests`, relayUrl(colleague.relay));
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, ciphertext }),
      redirect: 'error',
      signal: AbortSignal.timeout(30_000),
    });
  } catch (cause) {
    throw new WorkplaceError('relay-unreachable', `The relay at ${url.origin} could not be reached; the case was not forwarded. Try again later.`, undefined, { cause });
  }
  if (response.status !== 202) {
    const text = await response.text().catch(() => '');
    let detail = '';
    try {
      detail = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? '';
    } catch {
      // The status says enough.
    }
    throw new WorkplaceError('relay-error', `The relay refused the forwarded case (${response.status}${detail ? `: ${detail}` : ''}); it was not forwarded.`);
  }
  await response.body?.cancel().catch(() => {});
  book.markForwarded(id, colleague.name, input.includeNotes);
}
