// Real GnuPG for interop tests: each Gpg is a throw-away GNUPGHOME, removed by dispose().
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

  /** Makes a key with gpg's own defaults (RSA) or ed25519 with a cv25519 subkey; returns its fingerprint. */
  generate(kind: 'default' | 'ed25519', email = 'vp@voorbeeld.example'): string {
    const uid = `Vertrouwenspersonen Voorbeeld <${email}>`;
    if (kind === 'default') {
      this.run(['--quick-generate-key', uid, 'default', 'default', 'never']);
    } else {
      this.run(['--quick-generate-key', uid, 'ed25519', 'cert,sign', 'never']);
    }
    const fingerprint = this.fingerprintOf(email);
    if (kind === 'ed25519') this.run(['--quick-add-key', fingerprint, 'cv25519', 'encr', 'never']);
    return fingerprint;
  }

  fingerprintOf(email: string): string {
    const listing = this.run(['--with-colons', '--list-keys', email]);
    const fpr = listing.split('\n').find((line) => line.startsWith('fpr:'));
    if (!fpr) throw new Error(`gpg has no key for ${email}`);
    return fpr.split(':')[9]!;
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
