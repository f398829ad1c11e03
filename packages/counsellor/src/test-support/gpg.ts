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
