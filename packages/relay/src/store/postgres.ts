/**
 * The PostgreSQL store, for providers who run several relay instances behind a load balancer: they
 * share one table, and nothing held in an instance's memory matters for correctness (ids are
 * random, cursors are the table's sequence, every add() is committed before it resolves).
 *
 * Durability: a commit returns once PostgreSQL has flushed its WAL (synchronous_commit is set to
 * on for the relay's sessions, whatever the server's default). Concurrent add() calls are written together by one
 * INSERT, so they share one commit and one WAL flush.
 *
 * Cursors: sequence numbers are taken when a row is inserted but become visible when its
 * transaction commits, so with several instances a row with a lower number can appear just after
 * a reader passed it. That defers it to the next pull, never loses it: the counsellor tools start
 * every pull from the beginning and nothing leaves the table before they acknowledge it.
 */
import pg from 'pg';
import { checkCiphertextHasNoNul, checkCutoff, checkLimit, minuteIso, newRequestId, parseCursor } from './common.js';
import { StoreClosedError } from './errors.js';
import type { RelayStore, StoredRequestPage } from './types.js';
import { createNoticeLedgerSchema, postgresNoticeLedger } from './postgres-notices.js';

export interface PostgresStoreOptions {
  /** The table's name; default vp_relay_requests. Tests use one table per run. */
  readonly table?: string;
}

/** Rows per INSERT: bounds one statement's size (rows are up to 64 KiB each). */
const MAX_BATCH = 256;
/** INSERTs in flight at once; later add() calls queue and go together in the next one. */
const MAX_IN_FLIGHT = 4;

interface PendingAdd {
  readonly id: string;
  readonly mailbox: string;
  readonly receivedAt: string;
  readonly ciphertext: string;
  readonly resolve: (value: { id: string; receivedAt: string }) => void;
  readonly reject: (error: unknown) => void;
}

interface Row {
  seq: string;
  id: string;
  received_at: Date;
  ciphertext: string;
}

async function createSchema(pool: pg.Pool, table: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Several instances may start at once; CREATE ... IF NOT EXISTS alone can race on the catalog.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`vp-relay schema ${table}`]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (
      seq bigserial PRIMARY KEY,
      id text NOT NULL UNIQUE,
      mailbox text NOT NULL,
      received_at timestamptz NOT NULL,
      ciphertext text NOT NULL
    )`);
    await client.query(`CREATE INDEX IF NOT EXISTS ${table}_mailbox_seq ON ${table} (mailbox, seq)`);
    await client.query(`CREATE INDEX IF NOT EXISTS ${table}_received_at ON ${table} (received_at)`);
    await createNoticeLedgerSchema(client, table);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Connects, creates the table when missing, and returns the store. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<RelayStore> {
  const table = options.table ?? 'vp_relay_requests';
  if (!/^[a-z_][a-z0-9_]{0,39}$/.test(table)) {
    throw new Error('The PostgreSQL table name must be 1 to 40 characters of a-z, 0-9 and _, not starting with a digit.');
  }
  // synchronous_commit on for the relay's own sessions, whatever the server's default: a 202 must
  // mean the commit's WAL is flushed to disk.
  const pool = new pg.Pool({ connectionString: url, options: '-c synchronous_commit=on' });
  // A pooled idle connection that breaks (server restart) emits 'error'; the pool drops it and the
  // next query opens a new one. Without a listener the event would end the process.
  pool.on('error', () => {});
  try {
    await createSchema(pool, table);
  } catch (error) {
    await pool.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not open the PostgreSQL database: ${reason}. Check the database URL and that PostgreSQL is running.`, {
      cause: error,
    });
  }

  // Named statements are parsed once per connection. unnest keeps one statement for any batch size.
  const insert = {
    name: `vp-relay-insert-${table}`,
    text: `INSERT INTO ${table} (id, mailbox, received_at, ciphertext)
           SELECT id, mailbox, received_at, ciphertext
           FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[])
             WITH ORDINALITY AS r(id, mailbox, received_at, ciphertext, n)
           ORDER BY n`,
  };
  const select = {
    name: `vp-relay-list-${table}`,
    text: `SELECT seq, id, received_at, ciphertext FROM ${table} WHERE mailbox = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
  };

  const queue: PendingAdd[] = [];
  let flushScheduled = false;
  let closing = false;
  let closed: Promise<void> | undefined;
  const inFlight = new Set<Promise<void>>();

  async function write(batch: readonly PendingAdd[]): Promise<void> {
    try {
      await pool.query({
        ...insert,
        values: [batch.map((p) => p.id), batch.map((p) => p.mailbox), batch.map((p) => p.receivedAt), batch.map((p) => p.ciphertext)],
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    for (const p of batch) p.resolve({ id: p.id, receivedAt: p.receivedAt });
  }

  function flush(): void {
    flushScheduled = false;
    while (queue.length > 0 && inFlight.size < MAX_IN_FLIGHT) {
      const batch = queue.splice(0, MAX_BATCH);
      const done: Promise<void> = write(batch).finally(() => {
        inFlight.delete(done);
        schedule();
      });
      inFlight.add(done);
    }
  }

  function schedule(): void {
    if (flushScheduled || queue.length === 0 || inFlight.size >= MAX_IN_FLIGHT) return;
    flushScheduled = true;
    setImmediate(flush);
  }

  return {
    ...postgresNoticeLedger(pool, table),

    add(mailbox, ciphertext) {
      if (closing) return Promise.reject(new StoreClosedError());
      return new Promise((resolve, reject) => {
        // A throw here (a NUL in the ciphertext) rejects the promise, before anything is queued.
        checkCiphertextHasNoNul(ciphertext);
        queue.push({ id: newRequestId(), mailbox, receivedAt: minuteIso(new Date()), ciphertext, resolve, reject });
        schedule();
      });
    },

    async list(mailbox, { after, limit }): Promise<StoredRequestPage> {
      checkLimit(limit);
      const cursor = parseCursor(after) ?? 0n;
      const { rows } = await pool.query<Row>({ ...select, values: [mailbox, cursor.toString(), limit + 1] });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({ id: r.id, receivedAt: minuteIso(r.received_at), ciphertext: r.ciphertext })),
        nextCursor: rows.length > limit && last ? last.seq : null,
      };
    },

    async remove(mailbox, id) {
      const result = await pool.query(`DELETE FROM ${table} WHERE mailbox = $1 AND id = $2`, [mailbox, id]);
      return (result.rowCount ?? 0) > 0;
    },

    async deleteReceivedBefore(mailbox, cutoff) {
      checkCutoff(cutoff);
      const result = await pool.query(`DELETE FROM ${table} WHERE mailbox = $1 AND received_at < $2`, [mailbox, cutoff]);
      return result.rowCount ?? 0;
    },

    async countReceivedBefore(mailbox, cutoff) {
      checkCutoff(cutoff);
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${table} WHERE mailbox = $1 AND received_at < $2`,
        [mailbox, cutoff],
      );
      return Number(rows[0]!.n);
    },

    async ping() {
      await pool.query('SELECT 1');
    },

    close() {
      closed ??= (async () => {
        closing = true;
        while (queue.length > 0 || inFlight.size > 0) {
          flush();
          await Promise.all(inFlight);
        }
        await pool.end();
      })();
      return closed;
    },
  };
}
