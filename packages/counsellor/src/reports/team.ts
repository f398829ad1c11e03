/**
 * A team of counsellors, one report: each counsellor exports their registration rows for an
 * employer and year, encrypted to the coordinator's public key and signed with their own key; the
 * coordinator imports several exports and makes one report, counting a forwarded case once (its
 * case id comes from the request, which travels with the case: see rows.ts).
 *
 * An export holds only the registration fields, the quarter, hours and a case id: no reference,
 * name, contact, free text or date. Every import problem is one clear message, and an import that
 * fails changes nothing (importing only reads).
 */
import * as openpgp from 'openpgp';
import * as v from 'valibot';
import { describeContractIssues } from '@vp-contact/protocol/http';
import { WorkplaceError } from '../workplace/errors.js';
import { mergeRows, RegistrationRowSchema, type RegistrationRow } from './rows.js';

const EXPORT_KIND = 'vp-contact-registration-export';

const ExportSchema = v.strictObject({
  version: v.literal(1),
  kind: v.literal(EXPORT_KIND),
  employer: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  year: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
  rows: v.pipe(v.array(RegistrationRowSchema), v.maxLength(1_000_000)),
});
type RegistrationExport = v.InferOutput<typeof ExportSchema>;

export async function writeExport(input: {
  employer: string;
  year: number;
  rows: readonly RegistrationRow[];
  coordinatorKey: openpgp.PublicKey;
  signingKey: openpgp.PrivateKey;
}): Promise<string> {
  const body: RegistrationExport = { version: 1, kind: EXPORT_KIND, employer: input.employer, year: input.year, rows: [...input.rows] };
  return openpgp.encrypt({
    message: await openpgp.createMessage({ text: JSON.stringify(body) }),
    encryptionKeys: input.coordinatorKey,
    signingKeys: input.signingKey,
    format: 'armored',
  });
}

export async function readCoordinatorKey(armored: string, source: string): Promise<openpgp.PublicKey> {
  try {
    const key = await openpgp.readKey({ armoredKey: armored });
    await key.getEncryptionKey();
    return key.toPublic();
  } catch (cause) {
    throw new WorkplaceError('invalid', `${source} is not a usable public key of the coordinator: ${(cause as Error).message}`, undefined, { cause });
  }
}

/** Reads one export; `name` is how messages name it (its file). */
async function readExport(armored: string, name: string, decryptionKey: openpgp.PrivateKey, verificationKeys: readonly openpgp.PublicKey[]): Promise<RegistrationExport> {
  const message = await openpgp.readMessage({ armoredMessage: armored }).catch((cause: unknown) => {
    throw new WorkplaceError('invalid', `${name} is not a registration export (not an OpenPGP message), or it was changed.`, undefined, { cause });
  });
  const ours = new Set((await decryptionKey.getDecryptionKeys()).map((k) => k.getKeyID().toHex()));
  if (!message.getEncryptionKeyIDs().some((id) => ours.has(id.toHex()))) {
    throw new WorkplaceError('invalid', `${name} is encrypted to another coordinator's key, not to yours. Ask the counsellor to export again with your public key.`);
  }
  let text: string;
  try {
    const result = await openpgp.decrypt({ message, decryptionKeys: decryptionKey, verificationKeys: [...verificationKeys], expectSigned: true, format: 'utf8' });
    text = result.data;
  } catch (cause) {
    const detail = (cause as Error).message;
    if (/signature|signed|signing key/i.test(detail)) {
      throw new WorkplaceError('invalid', `${name} is not signed by a counsellor whose public key is in your settings (colleagues), so it is not used. Add the colleague's key, or ask for a new export.`, undefined, { cause });
    }
    throw new WorkplaceError('invalid', `${name} cannot be decrypted: it was changed or damaged on the way. Ask the counsellor for a new export.`, undefined, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new WorkplaceError('invalid', `${name} is not a registration export (its content is not JSON).`, undefined, { cause });
  }
  const parsed = v.safeParse(ExportSchema, json);
  if (!parsed.success) throw new WorkplaceError('invalid', `${name} is not a registration export this version can read: ${describeContractIssues(parsed.issues)}`);
  return parsed.output;
}

/** Several exports for one employer and year as one set of rows (a case counted once). */
export async function importExports(
  files: readonly { name: string; armored: string }[],
  decryptionKey: openpgp.PrivateKey,
  verificationKeys: readonly openpgp.PublicKey[],
): Promise<{ employer: string; year: number; rows: RegistrationRow[]; sources: number }> {
  if (files.length === 0) throw new WorkplaceError('invalid', 'Name at least one export file to import.');
  const exports: RegistrationExport[] = [];
  for (const f of files) exports.push(await readExport(f.armored, f.name, decryptionKey, verificationKeys));
  const [first] = exports;
  for (const [i, e] of exports.entries()) {
    if (e.employer !== first!.employer || e.year !== first!.year) {
      throw new WorkplaceError(
        'invalid',
        `${files[i]!.name} is for ${e.employer} ${e.year}, but ${files[0]!.name} is for ${first!.employer} ${first!.year}: import the exports of one employer and year together.`,
      );
    }
  }
  return { employer: first!.employer, year: first!.year, rows: mergeRows(exports.map((e) => e.rows)), sources: exports.length };
}
