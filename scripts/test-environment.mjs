// Makes sure the real components the tests use are there: PostgreSQL running with a database for
// the tests, and gpg. On a fresh machine, as root, it starts the installed PostgreSQL cluster
// itself; otherwise it stops with a message naming what to do. Tests never skip for want of it.
import { execFileSync, spawnSync } from 'node:child_process';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.VP_TEST_DATABASE_URL ?? 'postgres://root@/vp_contact_test?host=/var/run/postgresql';

async function canConnect(url) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function run(command, args) {
  return spawnSync(command, args, { stdio: 'pipe', encoding: 'utf8' });
}

async function ensurePostgres() {
  if (await canConnect(TEST_DATABASE_URL)) return;
  const root = process.getuid?.() === 0;
  if (root && run('which', ['pg_ctlcluster']).status === 0) {
    const clusters = run('pg_lsclusters', ['--no-header']).stdout.trim().split('\n').filter(Boolean);
    const [version, name] = (clusters[0] ?? '15 main').split(/\s+/);
    run('pg_ctlcluster', [version, name, 'start']);
    run('runuser', ['-u', 'postgres', '--', 'createuser', '--superuser', 'root']);
    run('runuser', ['-u', 'postgres', '--', 'createdb', '--owner', 'root', 'vp_contact_test']);
    if (await canConnect(TEST_DATABASE_URL)) return;
  }
  throw new Error(
    `PostgreSQL is not reachable at ${TEST_DATABASE_URL}. Start it (as root: pg_ctlcluster 15 main start, ` +
      `then runuser -u postgres -- createuser --superuser root; createdb vp_contact_test) or set VP_TEST_DATABASE_URL.`,
  );
}

export default async function setup() {
  try {
    execFileSync('gpg', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('gpg (GnuPG 2.2) is needed for the interop tests: apt-get install gnupg');
  }
  await ensurePostgres();
  process.env.VP_TEST_DATABASE_URL = TEST_DATABASE_URL;
}
