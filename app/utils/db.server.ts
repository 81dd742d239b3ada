import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { type Prisma, PrismaClient } from "~/generated/prisma/client";
import { databaseUrl, env } from "./env.server";
import { logger } from "./logger.server";

export type Db = PrismaClient;
/** The client handed to a `$transaction` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as {
  __concordDb?: PrismaClient;
  __concordDbUrl?: string;
  __concordPool?: pg.Pool;
  __concordPrepare?: boolean;
};

/**
 * Starts a raw statement that should be prepared once per connection and then
 * only bound and executed: `$queryRaw\`${PREPARED} SELECT ...\`` is wrong (it
 * would become a parameter); write the comment literally at the start of the
 * template, as the statements on the hottest paths do. PostgreSQL otherwise
 * parses and plans every statement afresh, which for the registration
 * statements cost more than running them. See docs/decisions/035-prepared-statements.md.
 */
export const PREPARED = "/* prepared */";

// Names by statement text. Only texts marked PREPARED are named, and those
// come from a handful of places in the code, so the set stays small; the cap
// guards each connection's memory against a marked statement whose text
// varies without bound (it would then run unprepared, as before).
const MAX_PREPARED = 200;
const statementNames = new Map<string, string>();
export function preparedStatementName({ sql }: { sql: string }): string | undefined {
  if (!sql.startsWith(PREPARED)) return undefined;
  let name = statementNames.get(sql);
  if (!name && statementNames.size < MAX_PREPARED) {
    name = `concord_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function create(url: string): PrismaClient {
  const embedded = env().CONCORD_DATABASE_KIND === "embedded";
  // Named statements need one server session per connection. The embedded
  // PGlite serves every connection from ONE session, where a second connection
  // preparing the same name fails; DB_PREPARED_STATEMENTS=0 is for a pooler
  // that cannot keep them either (PgBouncer in transaction mode before 1.21).
  const prepare = !embedded && env().DB_PREPARED_STATEMENTS !== "0";
  // The embedded PGlite runs ONE backend session for all its connections and interleaves their protocol
  // messages: two pooled connections mix up each other's prepared statements and land statements inside
  // each other's transactions. One connection makes every request wait its turn, which is correct (and
  // slower); see docs/decisions/049-embedded-database-one-connection.md.
  // Our own pool (the adapter accepts one) so that /metrics can report its use.
  const pool = new pg.Pool({ connectionString: url, max: embedded ? 1 : env().DB_POOL_SIZE });
  globalForDb.__concordPool = pool;
  globalForDb.__concordPrepare = prepare;
  const adapter = new PrismaPg(pool, {
    disposeExternalPool: true,
    // The adapter passes the name straight to pg, where undefined means an
    // unnamed statement (its type says string only).
    ...(prepare ? { statementNameGenerator: preparedStatementName as (query: { sql: string }) => string } : {}),
  });
  const client = new PrismaClient({
    adapter,
    // With one connection a transaction may queue behind others' work before it starts; Prisma's default
    // (2 s) would refuse it under a few concurrent requests. Its own duration limit stays the default.
    ...(embedded ? { transactionOptions: { maxWait: 60_000 } } : {}),
    log: [{ level: "query", emit: "event" }],
  });
  const slowMs = env().SLOW_QUERY_MS;
  client.$on("query", (e) => {
    queryCounter.count += 1;
    if (e.duration >= slowMs) {
      logger().warn({ durationMs: e.duration, query: e.query.slice(0, 300) }, "slow query");
    }
  });
  return client;
}

/** Counts queries issued by this process; tests use it to prove list pages do not grow in queries. */
export const queryCounter = { count: 0 };

/**
 * One Prisma client per process, created on first use so that server/start.js
 * can decide DATABASE_URL (embedded or external) before anything connects.
 */
export function db(): PrismaClient {
  const url = databaseUrl();
  if (!globalForDb.__concordDb || globalForDb.__concordDbUrl !== url) {
    globalForDb.__concordDb = create(url);
    globalForDb.__concordDbUrl = url;
  }
  return globalForDb.__concordDb;
}

/**
 * Runs one read on the Prisma client's own pool, through pg alone, and returns its rows as pg parses
 * them. For the few reads every page view runs (the session lookup, the organizer list): Prisma's raw
 * query path costs about half a millisecond of server CPU per statement whatever the statement
 * (measured here: `SELECT 1` through `$queryRaw` 0.66 ms, fifty registrations with their people
 * through pg 0.25 ms), which on a page of several statements was more than the SQL.
 *
 * Counted in `queryCounter`, logged when slow and prepared when marked PREPARED, like the client's
 * queries. It takes a connection of its own, so never use it for a read that belongs to a
 * transaction. pg's parsing, not Prisma's: integer → number, bigint (count(*)) → string (cast to
 * int), timestamptz → Date, uuid and enums → string, arrays → arrays; a `date` column would become
 * local midnight, so cast it to text.
 */
export async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  db(); // the pool is the client's
  const pool = globalForDb.__concordPool!;
  const text = query.text;
  const started = performance.now();
  const result = await pool.query({
    text,
    values: query.values,
    ...(globalForDb.__concordPrepare ? { name: preparedStatementName({ sql: text }) } : {}),
  });
  queryCounter.count += 1;
  const ms = performance.now() - started;
  if (ms >= env().SLOW_QUERY_MS) logger().warn({ durationMs: ms, query: text.slice(0, 300) }, "slow query");
  return result.rows as T[];
}

/** Connections of this process's pool: open, idle, and requests waiting for one (for /metrics). */
export function poolUse() {
  const pool = globalForDb.__concordPool;
  return { total: pool?.totalCount ?? 0, idle: pool?.idleCount ?? 0, waiting: pool?.waitingCount ?? 0 };
}

export async function disconnectDb() {
  await globalForDb.__concordDb?.$disconnect();
  globalForDb.__concordDb = undefined;
  globalForDb.__concordDbUrl = undefined;
  globalForDb.__concordPool = undefined;
}
