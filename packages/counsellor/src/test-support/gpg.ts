// Real GnuPG 2.2 for interop tests: a throw-away GNUPGHOME per instance, removed by dispose().
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Gpg {
  readonly home = mkdtempSync(join(tmpdir(), 'vp-gpg-'));

  run(args: string[], options: { input?: string; passphrase?: string } = {}): string {
    const result = spawnSync(
      'gpg',
      ['--homedir', this.home, '--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase', options.passphrase ?? '', ...args],
      { input: options.input, encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`gpg ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  }

  /** An ed25519 key with a cv25519 encryption subkey, protected by the passphrase; its fingerprint. */
  generate(email: string, passphrase: string): string {
    this.run(['--quick-generate-key', `Vertrouwenspersonen Voorbeeld <${email}>`, 'ed25519', 'cert,sign', 'never'], { passphrase });
    const fingerprint = this.fingerprintOf(email);
    this.run(['--quick-add-key', fingerprint, 'cv25519', 'encr', 'never'], { passphrase });
    return fingerprint;
  }

  /** The fingerprints of a key's subkeys, in order, upper-case hex. */
  subkeyFingerprints(primary: string): string[] {
    const lines = this.run(['--with-colons', '--with-subkey-fingerprints', '--list-keys', primary]).split('\n');
    const found: string[] = [];
    lines.forEach((line, i) => {
      if (line.startsWith('sub:')) found.push(lines[i + 1]!.split(':')[9]!);
    });
    return found;
  }

  /**
   * Revokes subkey number `index` (1 = the first) as superseded, as a person does it in
   * `gpg --edit-key`: key N, revkey, yes, reason 2, a description, an empty line, yes, save.
   */
  revokeSubkey(primary: string, index: number, passphrase: string): void {
    this.run(['--command-fd', '0', '--edit-key', primary], {
      passphrase,
      input: [`key ${index}`, 'revkey', 'y', '2', 'Vervangen door een nieuwe subsleutel', '', 'y', 'save', ''].join('\n'),
    });
  }

  fingerprintOf(email: string): string {
    const fpr = this.run(['--with-colons', '--list-keys', email])
      .split('\n')
      .find((line) => line.startsWith('fpr:'));
    if (!fpr) throw new Error(`gpg has no key for ${email}`);
    return fpr.split(':')[9]!;
  }

  dispose(): void {
    spawnSync('gpgconf', ['--homedir', this.home, '--kill', 'gpg-agent']);
    rmSync(this.home, { recursive: true, force: true });
  }
}
