// Run first by `npm test`: the browser tests need Debian's Chromium (no browser is ever downloaded).
// As root with apt-get it installs it; otherwise it stops with a message naming what to install.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

function run(command, args) {
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

if (!existsSync(CHROMIUM)) {
  const canInstall = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (!canInstall) {
    console.error(
      `The browser tests need Chromium at ${CHROMIUM}. Install Debian's package (sudo apt-get install chromium) or set CHROME_PATH to a Chromium binary.`,
    );
    process.exit(1);
  }
  console.log(`Chromium is missing at ${CHROMIUM}: installing Debian's chromium package…`);
  if (run('apt-get', ['update', '-qq']).status !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium']).status !== 0 || !existsSync(CHROMIUM)) {
    console.error('Installing chromium with apt-get failed; see the messages above.');
    process.exit(1);
  }
}

// The report tests read the PDF a report makes with pdftotext (Debian's poppler-utils).
if (spawnSync('which', ['pdftotext']).status !== 0) {
  const canInstall = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (!canInstall) {
    console.error('The report tests need pdftotext. Install Debian\'s package: sudo apt-get install poppler-utils.');
    process.exit(1);
  }
  console.log('pdftotext is missing: installing Debian\'s poppler-utils package…');
  if (run('apt-get', ['install', '-y', '-qq', 'poppler-utils']).status !== 0) {
    console.error('Installing poppler-utils with apt-get failed; see the messages above.');
    process.exit(1);
  }
}
