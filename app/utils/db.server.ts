import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "./env.server";

export type Db = PrismaClient;
/** The client handed to a `$transaction` callback. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { __concordDb?: PrismaClient; __concordDbUrl?: string };

function create(url: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 10) });
  const client = new PrismaClient({
    adapter,
    log: [{ level: "query", emit: "event" }],
  });
  const slowMs = env().SLOW_QUERY_MS;
  client.$on("query", (e) => {
    queryCounter.count += 1;
    if (e.duration >= slowMs) {
      console.warn(`[db] slow query ${e.duration}ms: ${e.query.slice(0, 300)}`);
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
  const url = env().DATABASE_URL;
  if (!globalForDb.__concordDb || globalForDb.__concordDbUrl !== url) {
    globalForDb.__concordDb = create(url);
    globalForDb.__concordDbUrl = url;
  }
  return globalForDb.__concordDb;
}

export async function disconnectDb() {
  await globalForDb.__concordDb?.$disconnect();
  globalForDb.__concordDb = undefined;
  globalForDb.__concordDbUrl = undefined;
}
