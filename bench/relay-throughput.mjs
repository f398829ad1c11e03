// The relay under load: autocannon, 50 connections for 10 seconds, POSTing real envelopes (made
// by encryptRequest, several distinct ones in turn) to the real relay (vp-relay as its own
// process, with every check and durable commits) and, in the same run, to the bare Hono handler
// of bench/baseline-server.mjs. The ratio of the two is the figure that counts: these machines are
// noisy, and the ratio cancels most of it.
import { join } from 'node:path';
import autocannon from 'autocannon';
import { errorLines, INTRANET_ORIGIN, MAILBOX, removeDir, startBaseline, startRelay, tempDir, writeRelayConfig } from './fixtures.mjs';
import { peakRssMb, round } from './stats.mjs';

export const LOAD = { connections: 50, durationSeconds: 10, warmupSeconds: 2 };

function run(options) {
  return new Promise((resolvePromise, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolvePromise(result)));
  });
}

/** One autocannon run against `url`; only 202 answers count as accepted. */
export async function loadTest(url, bodies, { connections = LOAD.connections, duration = LOAD.durationSeconds } = {}) {
  const path = `/v1/mailboxes/${MAILBOX}/requests`;
  const result = await run({
    url,
    connections,
    duration,
    requests: bodies.map((body) => ({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json', origin: INTRANET_ORIGIN },
      body,
    })),
  });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]));
  const accepted = statusCodes['202'] ?? 0;
  const seconds = result.duration;
  return {
    accepted,
    acceptedPerSecond: round(accepted / seconds),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: round(seconds, 2),
  };
}

/**
 * Starts a server with `start(logFile)`, warms it up, measures, reads its peak RSS, stops it.
 * `label` names it in the results.
 */
async function measureServer(label, start, bodies, dir, log) {
  const logFile = join(dir, `${label.replace(/\W+/g, '-')}.log`);
  const server = await start(logFile);
  try {
    await loadTest(server.url, bodies, { duration: LOAD.warmupSeconds });
    const result = await loadTest(server.url, bodies);
    const peakRss = await peakRssMb(server.pid);
    const notAccepted = Object.entries(result.statusCodes).filter(([code]) => code !== '202');
    const problems = [];
    if (notAccepted.length) problems.push(`answers other than 202: ${notAccepted.map(([code, n]) => `${n}× ${code}`).join(', ')}`);
    if (result.errors) problems.push(`${result.errors} connection errors (${result.timeouts} timeouts)`);
    if (problems.length) {
      const lines = await errorLines(logFile);
      problems.push(...lines.map((line) => `log: ${line}`));
    }
    log(`  ${label}: ${result.acceptedPerSecond} accepted/s, p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms, peak RSS ${peakRss} MB${problems.length ? ` (${problems[0]})` : ''}`);
    return { label, ...result, peakRssMb: peakRss, problems };
  } finally {
    await server.stop();
  }
}

/** Whether PostgreSQL answers at `url`; the reason when it does not. */
export async function postgresAnswers(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error.message };
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A fresh schema for one bench run, so the relay's table starts empty and nothing is left in the
 * database afterwards: the relay connects with search_path set to it.
 */
async function withFreshSchema(url, work) {
  const { default: pg } = await import('pg');
  const schema = `vp_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    // Not new URL(): a socket URL such as postgres://root@/db?host=/var/run/postgresql has no host.
    const scoped = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    return await work(scoped);
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await admin.end();
  }
}

/**
 * The relay with SQLite (a fresh file), and with PostgreSQL when `databaseUrl` answers, each
 * between two runs of the baseline: a relay's share is of the mean of the baseline runs just
 * before and just after it, so a change in the machine's other load during the run weighs on
 * both sides alike.
 */
export async function measureRelayThroughput({ publicKey, bodies, databaseUrl, log = () => {} }) {
  const dir = await tempDir('relay');
  try {
    const relayWith = (database) => async (logFile) => {
      const configDir = await tempDir('relay-config');
      const { configFile, url } = await writeRelayConfig({ dir: configDir, database: database === 'sqlite' ? `sqlite:${join(configDir, 'relay.db')}` : database, publicKey });
      const server = await startRelay({ configFile, url, logFile });
      return { ...server, stop: async () => { await server.stop(); await removeDir(configDir); } };
    };
    let baselineRuns = 0;
    const baseline = () => measureServer(`baseline ${++baselineRuns}`, (logFile) => startBaseline({ logFile }), bodies, dir, log);
    const share = (relay, before, after) => {
      const baselinePerSecond = round((before.acceptedPerSecond + after.acceptedPerSecond) / 2);
      return { ...relay, baselinePerSecond, ratioPercent: round((relay.acceptedPerSecond / baselinePerSecond) * 100) };
    };

    const runs = [await baseline()];
    const sqliteRun = await measureServer('relay, SQLite', relayWith('sqlite'), bodies, dir, log);
    runs.push(await baseline());
    const sqlite = share(sqliteRun, runs[0], runs[1]);
    let postgres = null;
    let postgresSkipped = null;
    const answers = await postgresAnswers(databaseUrl);
    if (answers.ok) {
      const postgresRun = await withFreshSchema(databaseUrl, (scopedUrl) => measureServer('relay, PostgreSQL', relayWith(scopedUrl), bodies, dir, log));
      runs.push(await baseline());
      postgres = share(postgresRun, runs[1], runs[2]);
    } else {
      postgresSkipped = `PostgreSQL does not answer at ${describeUrl(databaseUrl)} (${answers.reason}); skipped. Set VP_BENCH_DATABASE_URL to measure it.`;
      log(`  ${postgresSkipped}`);
    }
    return {
      load: { ...LOAD, distinctEnvelopes: bodies.length, envelopeBytes: { min: Math.min(...bodies.map((b) => b.length)), max: Math.max(...bodies.map((b) => b.length)) } },
      baseline: { runs },
      sqlite,
      postgres,
      postgresSkipped,
    };
  } finally {
    await removeDir(dir);
  }
}

/** A database URL without its password, for messages. */
export function describeUrl(url) {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}
