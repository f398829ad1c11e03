import { groupedFingerprint } from '../format.js';
import * as openpgp from 'openpgp';
import { unlockPrivateKey } from '../decrypt.js';
import { rotateEncryptionSubkey, type RevocationReason } from '../rotate.js';
import { defineCommand } from './define-command.js';
import { passphraseFor, readKeyFile } from './settings.js';
import { usage } from './usage-error.js';


export const rotate = defineCommand({
  name: 'rotate',
  options: {
    key: { type: 'string' },
    'passphrase-file': { type: 'string' },
    out: { type: 'string' },
    reason: { type: 'string' },
    'valid-years': { type: 'string' },
  },
  async run({ values, settings: s, io }) {
    // From the command line only (not the settings file): this is done on purpose, where the
    // primary key is kept, and the laptop's key from the settings could not do it anyway.
    if (!values.key) throw usage('rotateKey');
    if (!values.out) throw usage('rotateOut');
    const reason = (values.reason ?? 'superseded') as RevocationReason;
    if (reason !== 'superseded' && reason !== 'compromised') throw usage('rotateReason');
    const validYears = values['valid-years'] === undefined ? 2 : /^\d{1,2}$/.test(values['valid-years']) ? Number(values['valid-years']) : Number.NaN;
    if (!(validYears >= 1 && validYears <= 10)) throw usage('rotateValidYears');

    const armored = await readKeyFile(values.key, s, io);
    // The written files are locked with the same passphrase, so it is asked for (once) here.
    const isProtected = await openpgp.readPrivateKey({ armoredKey: armored }).then((k) => !k.isDecrypted(), () => false);
    const passphrase = isProtected ? await passphraseFor(s, io, s.t.passphrasePrompt) : undefined;
    const privateKey = await unlockPrivateKey(armored, passphrase);
    const result = await rotateEncryptionSubkey({ privateKey, passphrase, dir: values.out, reason, validYears });

    const t = s.t;
    io.stdout.write(
      [
        t.rotateDone(groupedFingerprint(result.newSubkey)),
        ...result.revoked.map((fpr) => t.rotateRevoked(groupedFingerprint(fpr))),
        '',
        t.rotateFiles,
        `  ${result.files.private}`,
        `      ${t.rotateFilePrivate}`,
        `  ${result.files.public}`,
        `      ${t.rotateFilePublic}`,
        `  ${result.files.laptop}`,
        `      ${t.rotateFileLaptop}`,
        ...(result.files.transition ? [`  ${result.files.transition}`, `      ${t.rotateFileTransition}`] : []),
        '',
        t.rotateNext,
        `  vp-counsellor card --key ${result.files.private} --subkey ${result.newSubkey} --mailbox ID --name NAME --phone PHONE --email EMAIL --out card.asc`,
        '',
        t.rotateRelay,
        '',
      ].join('\n'),
    );
    return 0;
  },
});
