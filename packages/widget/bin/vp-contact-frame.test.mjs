// The command as a provider runs it: a real process, real files, the built kit in dist/frame.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('./vp-contact-frame.js', import.meta.url));
const FPR = '0123 4567 89AB CDEF 0123  4567 89AB CDEF 0123 4567';
let dir;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vp-frame-bin-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const frame = (...args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
const required = () => ['--relay', 'https://relay.voorbeeld.example', '--mailbox', 'voorbeeld-bv', '--fingerprints', FPR, '--frame-ancestors', 'https://intranet.voorbeeld.example', '--out', join(dir, 'out')];

describe('vp-contact-frame', () => {
  it('writes the page with every setting in it, the scripts, and the headers; exit 0', async () => {
    const made = frame(
      ...required(),
      '--frame-ancestors', 'https://voorbeeld.sharepoint.com',
      '--provider-name', 'Vertrouwenspersonen Voorbeeld', '--provider-phone', '+31 20 000 0000', '--provider-email', 'vp@voorbeeld.example',
      '--lang', 'en', '--regions', 'Noord, Zuid', '--frame-url', 'https://vp-frame.voorbeeld.example/',
    );
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const out = join(dir, 'out');
    const files = await readdir(out);
    expect(files).toEqual(expect.arrayContaining(['index.html', 'vp-contact.js', 'vp-contact-frame.js', 'frame.css', '_headers', 'nginx.conf', 'apache.conf', 'embed.html']));
    expect(files.some((name) => /^vp-contact-crypto-.+\.js$/.test(name))).toBe(true);
    const page = await readFile(join(out, 'index.html'), 'utf8');
    expect(page).toContain('fingerprints="0123456789ABCDEF0123456789ABCDEF01234567"');
    expect(page).toContain('provider-email="vp@voorbeeld.example"');
    expect(page).toContain('regions="Noord, Zuid"');
    expect(page).toContain('<html lang="en">');
    expect(await readFile(join(out, '_headers'), 'utf8')).toContain('frame-ancestors https://intranet.voorbeeld.example https://voorbeeld.sharepoint.com');
    expect(await readFile(join(out, 'embed.html'), 'utf8')).toContain('src="https://vp-frame.voorbeeld.example/"');
  });

  it('reads the public key from a file', async () => {
    const key = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEZ\n-----END PGP PUBLIC KEY BLOCK-----\n';
    await writeFile(join(dir, 'key.asc'), key);
    expect(frame(...required(), '--public-key-file', join(dir, 'key.asc')).status).toBe(0);
    expect(await readFile(join(dir, 'out', 'index.html'), 'utf8')).toContain('public-key="-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxjMEZ\n');
  });

  it.each([
    [['--relay', 'http://relay.voorbeeld.example'], '--relay: The relay address must start with https://'],
    [['--fingerprints', '0123 4567'], '--fingerprints: A fingerprint is 40 (or 64) characters'],
    [['--frame-ancestors', 'https://intranet.voorbeeld.example/hr'], '--frame-ancestors: For the intranet give only the start of the address'],
    [['--response-hours', 'soon'], '--response-hours: Response time in hours: a whole number from 1 to 720.'],
    [['--colour', 'red'], "Unknown option '--colour'"],
  ])('a wrong %j is one clear line, exit 2, and writes nothing', async (change, message) => {
    const args = required();
    const at = args.indexOf(change[0]);
    if (at >= 0) args.splice(at, 2, ...change);
    else args.push(...change);
    const made = frame(...args);
    expect(made.status).toBe(2);
    expect(made.stderr.trim().split('\n')).toHaveLength(1);
    expect(made.stderr).toContain(message);
    expect(await readdir(dir)).toEqual([]);
  });

  it('a missing required option is a usage error (exit 2)', () => {
    const made = frame('--relay', 'https://relay.voorbeeld.example', '--out', join(dir, 'out'));
    expect(made.status).toBe(2);
    expect(made.stderr).toContain('--mailbox is required');
  });

  it('refuses a folder that is not empty (exit 1), so no file of an older version stays beside the new ones', async () => {
    await writeFile(join(dir, 'old.js'), 'old');
    const args = required();
    args[args.indexOf('--out') + 1] = dir;
    const made = frame(...args);
    expect(made.status).toBe(1);
    expect(made.stderr.trim()).toBe(`vp-contact-frame: The folder ${dir} is not empty: choose a new folder, or empty it first.`);
    expect(await readdir(dir)).toEqual(['old.js']);
  });

  it('--help prints the usage; exit 0', () => {
    const made = frame('--help');
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('--frame-ancestors');
  });
});
