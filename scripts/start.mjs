// npm start: builds what needs building, then runs the whole demo until Ctrl-C.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const PACKAGES = ['protocol', 'relay', 'counsellor', 'widget'];

function newest(dir) {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

function needsBuild(name) {
  const dir = join(ROOT, 'packages', name);
  const dist = join(dir, 'dist');
  return !existsSync(dist) || newest(join(dir, 'src')) > newest(dist);
}

if (PACKAGES.some(needsBuild)) {
  console.log('Building vp-contact (first run, or the sources changed)…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(1);
  }
}

const { startDemo } = await import('./demo.mjs');
const dir = join(ROOT, '.demo');
const port = (name, fallback) => {
  const value = process.env[name];
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 65535) {
    console.error(`${name} must be a port number from 1 to 65535, not "${value}".`);
    process.exit(2);
  }
  return number;
};

let demo;
try {
  demo = await startDemo({
    dir,
    intranetPort: port('VP_INTRANET_PORT', 8080),
    relayPort: port('VP_RELAY_PORT', 8787),
    workplacePort: port('VP_WORKPLACE_PORT', 8790),
    log: (line) => process.stdout.write(`[relay] ${line}`),
  });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const rel = (path) => relative(process.cwd(), path) || '.';
const counsellor = `node ${rel(join(ROOT, 'packages/counsellor/bin/vp-counsellor.js'))}`;
console.log(`
vp-contact demo is running.

  Intranet of Voorbeeld B.V.:  ${demo.intranetUrl}
     smallest embed:           ${demo.intranetUrl}bare/
     NL Design System theme:   ${demo.intranetUrl}nl-design-system/
  Relay:                       ${demo.relayUrl}

Provider key fingerprint (pinned in the pages): ${demo.fingerprint}
Mailbox card (what the widget trusts besides the key): ${rel(demo.cardFile)}, valid until ${demo.cardExpiresAt.slice(0, 10)}
${demo.firstRun ? `Demo key made in ${rel(demo.keyDir)}; its passphrase is in ${rel(demo.passphraseFile)}: ` : `Demo key in ${rel(demo.keyDir)}; passphrase in ${rel(demo.passphraseFile)}: `}${(await import('node:fs')).readFileSync(demo.passphraseFile, 'utf8').trim()}

The counsellor's workplace (inbox and case files; open this link once, in your browser):

  ${demo.workplaceLink}
  passphrase: ${(await import('node:fs')).readFileSync(demo.passphraseFile, 'utf8').trim()}

Send a request from the intranet page; it appears in the workplace within a minute ("Ophalen"
fetches at once). Or read it on the command line, as before:

  ${counsellor} pull --relay ${demo.relayUrl} --mailbox ${demo.mailbox} --token-file ${rel(demo.tokenFile)} --inbox ${rel(join(dir, 'inbox'))}
  ${counsellor} list --inbox ${rel(join(dir, 'inbox'))} --key ${rel(join(demo.keyDir, 'private.asc'))} --passphrase-file ${rel(demo.passphraseFile)}
  ${counsellor} show REFERENCE --inbox ${rel(join(dir, 'inbox'))} --key ${rel(join(demo.keyDir, 'private.asc'))} --passphrase-file ${rel(demo.passphraseFile)}

Press Ctrl-C to stop.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await demo.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
