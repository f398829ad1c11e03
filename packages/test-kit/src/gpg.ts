// Real GnuPG 2.2 for interop tests: each Gpg is a throw-away GNUPGHOME, removed by dispose().
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Gpg {
  readonly home = mkdtempSync(join(tmpdir(), 'vp-gpg-'));

  /** Runs gpg in batch mode with an empty passphrase unless one is given; throws on failure. */
  run(args: string[], options: { input?: string; passphrase?: string } = {}): string {
    const result = spawnSync(
      'gpg',
      ['--homedir', this.home, '--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase', options.passphrase ?? '', ...args],
      { input: options.input, encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`gpg ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  }

  /**
   * Makes a key with gpg's own defaults (`kind: 'default'`, RSA) or ed25519 with a cv25519
   * encryption subkey (the default kind), protected by `passphrase` (none unless given); returns
   * its fingerprint.
   */
  generate(options: { kind?: 'default' | 'ed25519'; email?: string; passphrase?: string } = {}): string {
    const { kind = 'ed25519', email = 'vp@voorbeeld.example', passphrase } = options;
    const uid = `Vertrouwenspersonen Voorbeeld <${email}>`;
    const withPassphrase = passphrase === undefined ? {} : { passphrase };
    if (kind === 'default') this.run(['--quick-generate-key', uid, 'default', 'default', 'never'], withPassphrase);
    else this.run(['--quick-generate-key', uid, 'ed25519', 'cert,sign', 'never'], withPassphrase);
    const fingerprint = this.fingerprintOf(email);
    if (kind === 'ed25519') this.run(['--quick-add-key', fingerprint, 'cv25519', 'encr', 'never'], withPassphrase);
    return fingerprint;
  }

  fingerprintOf(email: string): string {
    const fpr = this.run(['--with-colons', '--list-keys', email])
      .split('\n')
      .find((line) => line.startsWith('fpr:'));
    if (!fpr) throw new Error(`gpg has no key for ${email}`);
    return fpr.split(':')[9]!;
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

  exportPublic(fingerprint: string): string {
    return this.run(['--armor', '--export', fingerprint]);
  }

  exportSecret(fingerprint: string): string {
    return this.run(['--armor', '--export-secret-keys', fingerprint]);
  }

  dispose(): void {
    spawnSync('gpgconf', ['--homedir', this.home, '--kill', 'gpg-agent']);
    rmSync(this.home, { recursive: true, force: true });
  }
}
