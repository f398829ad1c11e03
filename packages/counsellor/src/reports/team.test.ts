import * as openpgp from 'openpgp';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPLOYER, makeFixture, tempRegister, writeFixture, YEAR } from '../test-support/reports-fixture.js';
import type { Register } from '../workplace/register.js';
import { DEFAULT_REPORT_SETTINGS } from './report-settings.js';
import { registrationCaseId, rowsFromRegister } from './rows.js';
import { importExports, writeExport } from './team.js';
import { buildYearlyReport } from './yearly.js';

const opened: Register[] = [];
afterEach(() => {
  for (const r of opened.splice(0)) r.close();
});

async function key(name: string) {
  const { privateKey } = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name }], format: 'object' });
  return privateKey;
}

describe('a team report', () => {
  it('merges three counsellors\' exports and counts the case forwarded between two of them once', async () => {
    const [anna, bram, cees, coordinator] = await Promise.all([key('Anna'), key('Bram'), key('Cees'), key('Coördinator')]);
    const fixture = makeFixture(60, 3);
    const registers = [tempRegister().register, tempRegister().register, tempRegister().register];
    opened.push(...registers);
    const [a, b, c] = registers as [Register, Register, Register];
    writeFixture(a, fixture.slice(0, 20), 'a');
    writeFixture(b, fixture.slice(20, 40), 'b');
    writeFixture(c, fixture.slice(40, 60), 'c');
    // Anna forwards case 5 to Bram, who closes it with his own registration.
    const forwardedId = a.cases()[5]!.id;
    a.append(forwardedId, fixture[5]!.receivedAt, 'forwarded', { name: 'Bram', keptNotes: true }, { status: 'forwarded', forwardedTo: 'Bram' });
    const bramsCopy = { ...fixture[5]!, registration: { ...fixture[5]!.registration!, outcome: 'referred' as const, contacts: 2 } };
    writeFixture(b, [bramsCopy], 'fwd');

    const exports = await Promise.all(
      [
        [a, anna],
        [b, bram],
        [c, cees],
      ].map(async ([register, signer], i) => ({
        name: `export-${i}.asc`,
        armored: await writeExport({ employer: EMPLOYER, year: YEAR, rows: rowsFromRegister(register as Register, EMPLOYER, YEAR), coordinatorKey: coordinator.toPublic(), signingKey: signer as openpgp.PrivateKey }),
      })),
    );
    // Nothing personal in what travels (beyond the encryption, the plain JSON holds no reference or name).
    const plain = JSON.stringify(rowsFromRegister(a, EMPLOYER, YEAR));
    for (const f of fixture.slice(0, 20)) {
      expect(plain).not.toContain(f.request.reference);
      expect(plain).not.toContain(f.request.contact.email!);
      expect(plain).not.toContain(f.receivedAt.slice(0, 10));
    }

    const merged = await importExports(exports, coordinator, [anna.toPublic(), bram.toPublic(), cees.toPublic()]);
    expect(merged.rows).toHaveLength(60);
    const row = merged.rows.find((r) => r.caseId === registrationCaseId(fixture[5]!.request))!;
    expect(row.registration.outcome).toBe('referred');
    expect(row.registration.contacts).toBe(fixture[5]!.registration!.contacts + 2);
    const report = buildYearlyReport({ employer: merged.employer, year: merged.year, rows: merged.rows, settings: DEFAULT_REPORT_SETTINGS, sources: merged.sources });
    expect(report.cases).toBe(60);
    expect(report.contacts).toBe(fixture.reduce((s, f) => s + f.registration!.contacts, 0) + 2);
    expect(report.sources).toBe(3);
  });

  it('refuses an export for another coordinator, a changed one, an unsigned one and a mix of years, with a clear message', async () => {
    const [anna, coordinator, other] = await Promise.all([key('Anna'), key('Coördinator'), key('Andere coördinator')]);
    const { register } = tempRegister();
    opened.push(register);
    writeFixture(register, makeFixture(10));
    const rows = rowsFromRegister(register, EMPLOYER, YEAR);
    const good = await writeExport({ employer: EMPLOYER, year: YEAR, rows, coordinatorKey: coordinator.toPublic(), signingKey: anna });
    const forOther = await writeExport({ employer: EMPLOYER, year: YEAR, rows, coordinatorKey: other.toPublic(), signingKey: anna });
    await expect(importExports([{ name: 'b.asc', armored: forOther }], coordinator, [anna.toPublic()])).rejects.toThrow(/b\.asc is encrypted to another coordinator's key/);
    // Change one character in the middle of the encrypted data.
    const lines = good.split('\n');
    const middle = Math.floor(lines.length / 2);
    const line = lines[middle]!;
    lines[middle] = `${line.slice(0, 10)}${line[10] === 'A' ? 'B' : 'A'}${line.slice(11)}`;
    await expect(importExports([{ name: 't.asc', armored: lines.join('\n') }], coordinator, [anna.toPublic()])).rejects.toThrow(/t\.asc (cannot be decrypted: it was changed|is not a registration export)/);
    await expect(importExports([{ name: 'u.asc', armored: good }], coordinator, [other.toPublic()])).rejects.toThrow(/u\.asc is not signed by a counsellor whose public key is in your settings/);
    const otherYear = await writeExport({ employer: EMPLOYER, year: YEAR - 1, rows: [], coordinatorKey: coordinator.toPublic(), signingKey: anna });
    await expect(importExports([{ name: 'g.asc', armored: good }, { name: 'y.asc', armored: otherYear }], coordinator, [anna.toPublic()])).rejects.toThrow(/y\.asc is for Voorbeeld B\.V\. 2025, but g\.asc is for Voorbeeld B\.V\. 2026/);
    await expect(importExports([{ name: 'x.asc', armored: 'hallo' }], coordinator, [anna.toPublic()])).rejects.toThrow(/x\.asc is not a registration export/);
  });
});
