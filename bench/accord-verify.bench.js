// accord-verify: full verification of an executed 100-party accord (100
// passkey signatures, 1,000 audit entries, seal) — loading it from PostgreSQL
// and re-checking everything — p50/p99; target p99 < 100 ms. Baseline: the
// raw cryptographic checks alone (verifyBundle on an in-memory bundle).
// Timed warm: a few untimed verifications first (BENCH_WARMUP, default 10), as
// a running server has done, so that the first timings are not those of V8
// still compiling the code. (The baseline runs after the full runs, warm too.)
import { performance } from "node:perf_hooks";
import { benchDatabase, load, percentile, round } from "./accords-setup.js";

const PARTIES = 100;
const ENTRIES = 1000;
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);

const database = await benchDatabase("verify");
try {
  const { makeAccord, makeParties, signWithPasskey } = await load("tests/accords/support.ts");
  const { commentOnClause } = await load("app/domain/accords/comment-on-clause.server.ts");
  const { verifyAccord } = await load("app/domain/accords/verify-accord.server.ts");
  const { loadBundle } = await load("app/domain/accords/bundle.server.ts");
  const { verifyBundle } = await load("app/domain/accords/verification.ts");
  const { db } = await load("app/utils/db.server.ts");

  const parties = await makeParties(PARTIES);
  const { accordId } = await makeAccord(parties, { freeze: false });
  // Comments name a clause by its identity (AccordClause.key), which stays through renumbering.
  const clauseKeys = [
    ...new Set(
      (
        await db().accordClause.findMany({ where: { version: { accordId, number: 1 } }, orderBy: { number: "asc" }, select: { key: true } })
      ).map((c) => c.key),
    ),
  ];
  // Events besides designations, approvals, freezing, signatures and execution: comments.
  const fixed = 2 + PARTIES * 3 + 2;
  for (let i = 0; i < ENTRIES - fixed; i++) {
    await commentOnClause({
      actor: parties[i % PARTIES].admin,
      accordId,
      clauseKey: clauseKeys[i % clauseKeys.length],
      body: `Comment ${i}`,
    });
  }
  const { approveVersion } = await load("app/domain/accords/approve-version.server.ts");
  const { designateSignatory } = await load("app/domain/accords/signatories.server.ts");
  for (const p of parties) await designateSignatory({ actor: p.admin, accordId, partyId: p.partyId, userId: p.signatory.id });
  let documentHash = "";
  for (const p of parties)
    documentHash = (await approveVersion({ actor: p.admin, accordId, partyId: p.partyId, version: 1 })).documentHash ?? documentHash;
  for (const p of parties) await signWithPasskey(accordId, documentHash, p);
  const entries = await db().accordAuditEntry.count({ where: { accordId } });

  const first = await verifyAccord(accordId, null);
  if (!first.report.ok) throw new Error(`the bench accord does not verify: ${JSON.stringify(first.report.checks)}`);
  for (let i = 1; i < WARMUP; i++) await verifyAccord(accordId, null);

  const deadline = Date.now() + 2 * 60_000;
  const full = [];
  for (let i = 0; i < RUNS && Date.now() < deadline; i++) {
    const t0 = performance.now();
    const v = await verifyAccord(accordId, null);
    full.push(performance.now() - t0);
    if (!v.report.ok) throw new Error("verification failed during the run");
  }
  const bundle = await loadBundle(db(), accordId);
  const raw = [];
  for (let i = 0; i < RUNS && Date.now() < deadline; i++) {
    const t0 = performance.now();
    await verifyBundle(bundle);
    raw.push(performance.now() - t0);
  }
  full.sort((a, b) => a - b);
  raw.sort((a, b) => a - b);
  const p99 = percentile(full, 99);
  const rawP99 = percentile(raw, 99);
  console.log(
    JSON.stringify({
      bench: "accord-verify",
      parties: PARTIES,
      signatures: first.report.signatures.length,
      auditEntries: entries,
      runs: full.length,
      warmup_runs: Math.max(1, WARMUP),
      p50_ms: round(percentile(full, 50)),
      p99_ms: round(p99),
      target_p99_ms: 100,
      meets_target: p99 < 100,
      baseline: {
        what: "verifyBundle on an in-memory bundle (crypto only, no database)",
        p50_ms: round(percentile(raw, 50)),
        p99_ms: round(rawP99),
      },
      ratio: round(p99 / rawP99),
    }),
  );
} catch (error) {
  // Reported before dropping the database: the drop ends the pool's connections, and their errors would hide this one.
  console.error("accord-verify failed:", error);
  process.exitCode = 1;
} finally {
  await database.drop();
}
process.exit(process.exitCode ?? 0);
