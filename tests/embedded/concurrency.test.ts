// The embedded default (no DATABASE_URL) must be as correct as PostgreSQL under
// concurrent use, only slower. PGlite serves every connection from ONE backend
// session and interleaves their protocol messages, so the app talks to it over
// one connection (app/utils/db.server.ts, decision 049). This file drives the
// app configured exactly as `npm run demo` configures it — an embedded PGlite
// served on a local port, CONCORD_DATABASE_KIND=embedded — with concurrent
// registrations, page loads and signatures over real sockets, and checks that
// nothing fails and the data adds up. The control runs the same workload with
// the pool an external database gets and shows that the hazard is real.
import { describe, expect, it } from "vitest";
import { requestSigningCode, signWithCode } from "~/domain/accords/sign-accord.server";
import * as register from "~/routes/registration/register";
import * as conferencePage from "~/routes/conferences/overview";
import * as programmePage from "~/routes/programme/programme";
import { db, disconnectDb } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { AppError } from "~/utils/errors";
import { openEngine } from "../../scripts/lib/schema-engine.js";
import { startPglite } from "../../scripts/lib/pglite.js";
import { useEmbeddedDatabase } from "./support";
import { makeAccord, makeParties, signWithEmailCode } from "../accords/support";
import { makeTicketing, makeUsers, serveRoutes } from "../registration/support";

const embedded = useEmbeddedDatabase();

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

type Workload = {
  failures: string[];
  registrations: Record<number, number>;
  held: number;
  used: number;
  executed: boolean;
  seconds: number;
};

/**
 * A ticket launch (40 buyers, 15 places), 60 page loads and four parties signing an accord, all at once, over
 * real sockets. Returns every failure a person or an operator would notice.
 */
async function workload(): Promise<Workload> {
  const CAPACITY = 15;
  const BUYERS = 40;
  const READS = 60;
  const setup = await makeTicketing({ capacity: CAPACITY });
  const buyers = await makeUsers(BUYERS);
  const parties = await makeParties(4);
  const { accordId, documentHash } = await makeAccord(parties);
  const server = await serveRoutes([
    { pattern: /^\/conferences\/([^/]+)\/register$/, module: register, params: (m) => ({ slug: m[1] }) },
    { pattern: /^\/conferences\/([^/]+)\/programme$/, module: programmePage, params: (m) => ({ slug: m[1] }) },
    { pattern: /^\/conferences\/([^/]+)$/, module: conferencePage, params: (m) => ({ slug: m[1] }) },
  ]);
  const failures: string[] = [];
  const caught = <T>(p: Promise<T>) =>
    p.catch((error: Error) => {
      failures.push(`thrown: ${String(error.message).split("\n").at(-1)}`);
      return null;
    });
  try {
    const started = performance.now();
    const registrations = buyers.map((u) =>
      caught(
        fetch(`${server.url}/conferences/${setup.slug}/register`, {
          method: "POST",
          headers: { cookie: u.cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ ticketTypeId: setup.ticket.id }),
          redirect: "manual",
        }).then(async (r) => ({ status: r.status, body: await r.text() })),
      ),
    );
    const reads = Array.from({ length: READS }, (_, i) =>
      caught(
        fetch(`${server.url}/conferences/${setup.slug}${i % 2 ? "/programme" : ""}`, {
          headers: { cookie: buyers[i % BUYERS].cookie },
        }).then(async (r) => ({ status: r.status, body: await r.text() })),
      ),
    );
    // Every party signs while the launch runs; the last signature executes the accord.
    const signatures = parties.map((p) => caught(signWithEmailCode(accordId, documentHash, p)));
    const [regs, pages] = await Promise.all([Promise.all(registrations), Promise.all(reads), Promise.all(signatures)]);
    const seconds = (performance.now() - started) / 1000;
    for (const r of [...regs, ...pages]) if (r && r.status >= 500) failures.push(`${r.status}: ${r.body.slice(0, 160)}`);
    // Every page must read its own conference (a mixed-up session once answered null where a row exists).
    for (const p of pages)
      if (p && p.status === 200 && !p.body.includes(setup.conference.slug)) failures.push("a page showed another request's data");
    const held = await db().registration.count({ where: { conferenceId: setup.conference.id, status: { in: ["RESERVED", "CONFIRMED"] } } });
    const quota = await db().quota.findUniqueOrThrow({ where: { id: setup.quota.id } });
    const accord = await db().accord.findUniqueOrThrow({ where: { id: accordId }, select: { status: true } });
    return {
      failures,
      registrations: tally(regs.map((r) => r?.status ?? 0)),
      held,
      used: quota.used,
      executed: accord.status === "EXECUTED" && (await db().accordSignature.count({ where: { accordId } })) === parties.length,
      seconds,
    };
  } finally {
    await server.close();
  }
}

/** Points the app's one Prisma client at the embedded PGlite, configured as the given database kind. */
async function useDatabaseAs(kind: "embedded" | "external") {
  await disconnectDb();
  process.env.CONCORD_DATABASE_KIND = kind;
  resetEnvCache();
}

describe("the embedded default under concurrent use", () => {
  it("registrations, page loads and signatures at once: no error, and the data adds up", async () => {
    await useDatabaseAs("embedded");
    const w = await workload();
    expect(w.failures).toEqual([]);
    expect(w.registrations).toEqual({ 302: 15, 409: 25 });
    expect([w.held, w.used]).toEqual([15, 15]);
    expect(w.executed).toBe(true);
    console.log(`[embedded] 40 registrations + 60 page loads + 4 signatures in ${w.seconds.toFixed(2)} s, no errors`);
  }, 180_000);

  it("wrong signing codes are field errors, and the cap of five attempts holds under concurrent guesses", async () => {
    await useDatabaseAs("embedded");
    const parties = await makeParties(2);
    const { accordId, documentHash } = await makeAccord(parties);
    const signer = parties[0];
    const target = { actor: signer.signatory, accordId, partyId: signer.partyId, documentHash };
    const { nonce } = await requestSigningCode(target);
    const guesses = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        signWithCode({ ...target, nonce, code: String(100000 + i), typedName: signer.signatory.nameLatin, confirmed: true }),
      ),
    );
    const codes = guesses.map((g) => (g.status === "rejected" && g.reason instanceof AppError ? g.reason.code : "unexpected"));
    // Five wrong codes are counted (each a field error); every later guess is refused without being tried.
    expect(tally(codes.map((c) => (c === "INVALID_FIELD" ? 1 : c === "TOO_MANY_ATTEMPTS" ? 2 : 0)))).toEqual({ 1: 5, 2: 3 });
    const row = await db().accordSigningNonce.findFirstOrThrow({ where: { nonce } });
    expect(row.attempts).toBe(5);
  }, 60_000);

  it("control: the same workload through a pool of connections, as an external database gets, fails on PGlite", async () => {
    // A PGlite of its own: a mixed-up session can be left stuck in a transaction.
    const other = await startPglite({});
    const engine = await openEngine(other.url);
    await engine.apply().finally(() => engine.close());
    // Prepared statements off, as they always were for the embedded database: the failures come from the pool.
    process.env.DB_PREPARED_STATEMENTS = "0";
    process.env.DATABASE_URL = other.url;
    await useDatabaseAs("external");
    const within = <T>(ms: number, p: Promise<T>) =>
      Promise.race([p, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms).unref())]);
    try {
      // Even the fixtures (users created 25 at a time) may fail: that counts as the hazard showing too.
      const w = await within(
        60_000,
        workload().catch((error: Error) => String(error.message).split("\n").at(-1) ?? "error"),
      );
      if (w === "timeout") {
        console.log("[embedded control] the workload hung (a request waited on another's transaction for 60 s)");
      } else if (typeof w === "string") {
        console.log(`[embedded control] the workload failed: ${w}`);
      } else {
        console.log(`[embedded control] failures: ${w.failures.length}, registrations ${JSON.stringify(w.registrations)}, held ${w.held}`);
        expect(w.failures.length > 0 || w.held !== 15 || w.used !== 15 || !w.executed || w.registrations[302] !== 15).toBe(true);
      }
    } finally {
      delete process.env.DB_PREPARED_STATEMENTS;
      // The pooled client may be stuck for good: leave it behind (db() makes a new client for the other URL).
      void within(5_000, disconnectDb());
      process.env.DATABASE_URL = embedded.url;
      process.env.CONCORD_DATABASE_KIND = "embedded";
      resetEnvCache();
      void within(5_000, other.stop());
    }
  }, 120_000);
});
