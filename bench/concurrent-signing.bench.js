// concurrent-signing: 50 signatories of one accord sign with passkeys at the
// same moment (real PostgreSQL, row lock per accord): signatures per second and
// whether the chain stays intact (one chain, one execution). Baseline: the same
// 50 signatures one after another on a second accord.
import { performance } from "node:perf_hooks";
import { benchDatabase, load, round } from "./accords-setup.js";

const SIGNERS = 50;
const database = await benchDatabase("signing");
try {
  const { makeAccord, makeParties, signWithPasskey } = await load("tests/accords/support.ts");
  const { loadBundle } = await load("app/domain/accords/bundle.server.ts");
  const { verifyBundle } = await load("app/domain/accords/verification.ts");
  const { publishedSealKey } = await load("app/domain/accords/seal.server.ts");
  const { db } = await load("app/utils/db.server.ts");

  const parties = await makeParties(SIGNERS);
  const concurrent = await makeAccord(parties);
  const t0 = performance.now();
  const results = await Promise.all(parties.map((p) => signWithPasskey(concurrent.accordId, concurrent.documentHash, p)));
  const concurrentMs = performance.now() - t0;
  const report = await verifyBundle(await loadBundle(db(), concurrent.accordId), { trustedSealKey: publishedSealKey().publicKey });
  const executions = results.filter((r) => r.executed).length;

  const sequential = await makeAccord(parties);
  const t1 = performance.now();
  for (const p of parties) await signWithPasskey(sequential.accordId, sequential.documentHash, p);
  const sequentialMs = performance.now() - t1;

  const rate = SIGNERS / (concurrentMs / 1000);
  const baseRate = SIGNERS / (sequentialMs / 1000);
  console.log(
    JSON.stringify({
      bench: "concurrent-signing",
      signers: SIGNERS,
      elapsed_ms: round(concurrentMs),
      signatures_per_s: round(rate),
      chain_intact: report.checks.find((c) => c.id === "chain").ok,
      verified: report.ok,
      executions,
      note: "includes sealing and rendering the executed PDF in the last signer's transaction",
      baseline: { what: "the same 50 signatures sequentially", elapsed_ms: round(sequentialMs), signatures_per_s: round(baseRate) },
      ratio: round(rate / baseRate),
    }),
  );
} catch (error) {
  // Reported before dropping the database: the drop ends the pool's connections, and their errors would hide this one.
  console.error("concurrent-signing failed:", error);
  process.exitCode = 1;
} finally {
  await database.drop();
}
process.exit(process.exitCode ?? 0);
