/**
 * @module The PostgreSQL engine (`SEANCE_STORE=postgres://…`): the shared store of several processes, on
 * the `pg` client (pure JavaScript, the reference driver). Compare-and-set is `UPDATE … WHERE version = $n`
 * (or `INSERT … ON CONFLICT DO NOTHING` for a new key), with its journal rows inserted by the same
 * statement (a data-modifying WITH: one round trip, atomic), claims are one `INSERT … ON CONFLICT … DO UPDATE
 * … WHERE expired`, counters one upsert `RETURNING` the value: each is atomic in the engine itself, so
 * processes need no lock of their own. The schema is created and migrated at start, under an advisory lock.
 */
import pg from 'pg';
import { claimPurgeSchedule, type Engine } from './engine.ts';
import { StoreOpenError } from './open-error.ts';

export const POSTGRES_SCHEMA_VERSION = 1;
/** Any fixed number: the advisory lock that serialises migrations of processes starting together. */
const MIGRATION_LOCK = 7_370_001;

const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE seance_kv (
      body text NOT NULL, key text NOT NULL, value text NOT NULL,
      version bigint NOT NULL, expires_at bigint,
      PRIMARY KEY (body, key)
    );
    CREATE TABLE seance_journal (seq bigserial PRIMARY KEY, body text NOT NULL, name text NOT NULL, entry text NOT NULL);
    CREATE INDEX seance_journal_by_name ON seance_journal (body, name, seq);
  `,
};

async function migrate(pool: pg.Pool, label: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS seance_meta (key text PRIMARY KEY, value text NOT NULL)');
    await client.query(
      "INSERT INTO seance_meta (key, value) VALUES ('schema', 'seance'), ('version', '0') ON CONFLICT DO NOTHING",
    );
    const meta = new Map(
      (await client.query<{ key: string; value: string }>('SELECT key, value FROM seance_meta')).rows.map((r) => [
        r.key,
        r.value,
      ]),
    );
    if (meta.get('schema') !== 'seance')
      throw new StoreOpenError(label, "cette base contient une table seance_meta qui n'est pas celle de Séance");
    let version = Number(meta.get('version'));
    if (version > POSTGRES_SCHEMA_VERSION)
      throw new StoreOpenError(
        label,
        `schéma version ${version}, plus récent que cette version du bot (${POSTGRES_SCHEMA_VERSION}) : mettez le bot à jour`,
      );
    while (version < POSTGRES_SCHEMA_VERSION) {
      version++;
      await client.query('BEGIN');
      await client.query(MIGRATIONS[version]!);
      await client.query("UPDATE seance_meta SET value = $1 WHERE key = 'version'", [String(version)]);
      await client.query('COMMIT');
    }
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

export async function postgresEngine(
  url: string,
  label: string,
  opts: { readonly claimPurgeEveryMs?: number } = {},
): Promise<Engine> {
  const purgeDue = claimPurgeSchedule(opts.claimPurgeEveryMs);
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the process; the next query reports the failure.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, label);
  } catch (e) {
    await pool.end().catch(() => undefined);
    if (e instanceof StoreOpenError) throw e;
    throw new StoreOpenError(
      label,
      `connexion ou migration impossible (${e instanceof Error ? e.message : String(e)})`,
    );
  }

  return {
    label,
    async read(body, key, known) {
      // The value only when the reader does not hold this version (values are never NULL: NULL says « unchanged »).
      const r = await pool.query<{ value: string | null; version: string }>(
        'SELECT CASE WHEN version = $3 THEN NULL ELSE value END AS value, version FROM seance_kv WHERE body = $1 AND key = $2',
        [body, key, known ?? -1],
      );
      const row = r.rows[0];
      if (!row) return undefined;
      return row.value === null ? { version: Number(row.version) } : { value: row.value, version: Number(row.version) };
    },
    async write(body, key, value) {
      await pool.query(
        `INSERT INTO seance_kv (body, key, value, version) VALUES ($1, $2, $3, 1)
        ON CONFLICT (body, key) DO UPDATE SET value = excluded.value, version = seance_kv.version + 1, expires_at = NULL`,
        [body, key, value],
      );
    },
    async compareAndSet(body, key, expected, value, appends) {
      const write =
        expected === 0
          ? 'INSERT INTO seance_kv (body, key, value, version) VALUES ($1, $2, $3, 1) ON CONFLICT DO NOTHING RETURNING 1'
          : 'UPDATE seance_kv SET value = $3, version = version + 1 WHERE body = $1 AND key = $2 AND version = $4 RETURNING 1';
      const params: unknown[] = expected === 0 ? [body, key, value] : [body, key, value, expected];
      const names = appends.flatMap((a) => a.entries.map(() => a.journal));
      const entries = appends.flatMap((a) => a.entries);
      if (!entries.length) return (await pool.query(write, params)).rowCount === 1;
      // One statement, so one round trip and atomic: the journal rows are inserted only if the write happened.
      const n = params.length;
      const r = await pool.query<{ written: string }>(
        `WITH w AS (${write}),
        j AS (INSERT INTO seance_journal (body, name, entry)
          SELECT $1, e.name, e.entry FROM w, unnest($${n + 1}::text[], $${n + 2}::text[]) WITH ORDINALITY AS e(name, entry, i) ORDER BY e.i RETURNING 1)
        SELECT count(*) AS written FROM w`,
        [...params, names, entries],
      );
      return Number(r.rows[0]!.written) === 1;
    },
    async claim(body, key, owner, ttlMs) {
      const now = Date.now();
      const r = await pool.query(
        `INSERT INTO seance_kv (body, key, value, version, expires_at) VALUES ($1, $2, $3, 1, $4)
        ON CONFLICT (body, key) DO UPDATE SET value = excluded.value, version = seance_kv.version + 1, expires_at = excluded.expires_at
        WHERE seance_kv.value = excluded.value OR seance_kv.value = 'null' OR (seance_kv.expires_at IS NOT NULL AND seance_kv.expires_at <= $5)`,
        [body, key, JSON.stringify(owner), now + ttlMs, now],
      );
      if (purgeDue(now))
        await pool.query('DELETE FROM seance_kv WHERE expires_at IS NOT NULL AND expires_at <= $1', [now]);
      return r.rowCount === 1;
    },
    async increment(body, key, by) {
      const r = await pool.query<{ value: string }>(
        `INSERT INTO seance_kv (body, key, value, version) VALUES ($1, $2, ($3::bigint)::text, 1)
        ON CONFLICT (body, key) DO UPDATE SET value = ((CASE WHEN seance_kv.value = 'null' THEN 0 ELSE seance_kv.value::bigint END) + $3::bigint)::text, version = seance_kv.version + 1
        RETURNING value`,
        [body, key, by],
      );
      return Number(r.rows[0]!.value);
    },
    async append(body, journal, entry) {
      const r = await pool.query<{ seq: string }>(
        'INSERT INTO seance_journal (body, name, entry) VALUES ($1, $2, $3) RETURNING seq',
        [body, journal, entry],
      );
      return Number(r.rows[0]!.seq);
    },
    async list(body, journal, after, limit) {
      const r = await pool.query<{ seq: string; entry: string }>(
        'SELECT seq, entry FROM seance_journal WHERE body = $1 AND name = $2 AND seq > $3 ORDER BY seq LIMIT $4',
        [body, journal, after, Math.min(limit, Number.MAX_SAFE_INTEGER)],
      );
      return r.rows.map((row) => ({ seq: Number(row.seq), entry: row.entry }));
    },
    async close() {
      await pool.end();
    },
  };
}
