// Run first by `npm test`: the tests need programs from Debian's packages (no browser is ever
// downloaded). As root with apt-get it installs what is missing; otherwise it stops with a message
// naming what to install.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

function run(command, args) {
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const onPath = (program) => spawnSync('which', [program]).status === 0;
let updated = false;

/** Installs Debian's `pkg` unless `present()`, or exits 1 with a line saying what to install. */
function ensure(what, pkg, present, hint = '') {
  if (present()) return;
  if (process.getuid?.() !== 0 || !onPath('apt-get')) {
    console.error(`The tests need ${what}. Install Debian's package (sudo apt-get install ${pkg})${hint}.`);
    process.exit(1);
  }
  console.log(`${what} is missing: installing Debian's ${pkg} package…`);
  if ((!updated && run('apt-get', ['update', '-qq']).status !== 0) || run('apt-get', ['install', '-y', '-qq', pkg]).status !== 0 || !present()) {
    console.error(`Installing ${pkg} with apt-get failed; see the messages above.`);
    process.exit(1);
  }
  updated = true;
}

// The browser tests, the end-to-end tests and the report PDFs use Chromium.
ensure(`Chromium at ${CHROMIUM}`, 'chromium', () => existsSync(CHROMIUM), ' or set CHROME_PATH to a Chromium binary');
// The report tests read the PDF a report makes with pdftotext.
ensure('pdftotext', 'poppler-utils', () => onPath('pdftotext'));
