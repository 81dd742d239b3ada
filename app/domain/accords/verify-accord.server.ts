import { compareSignedContent, type PdfDifference } from "~/domain/documents/compare-pdf.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { Lru } from "~/utils/lru";
import { notFound } from "~/utils/errors";
import { canAccords } from "~/utils/permissions/accords.server";
import type { SessionUser } from "~/utils/session.server";
import { sha256Hex } from "./canonical";
import { bundleDigest, loadAccordForVerification, loadBundle } from "./bundle.server";
import { readPdfIdentity } from "./pdf.server";
import { publishedSealKey } from "./seal.server";
import { verifyBundle, type BundleView, type VerificationBundle, type VerificationReport } from "./verification";

export type AccordVerification = {
  accordId: string;
  documentHash: string;
  title: string;
  titleZh: string | null;
  report: VerificationReport;
  /** The offline commands that check it with Concord's seal key pinned (given, or fetched with its fingerprint shown). */
  commands: { pinned: string; fetched: string };
  /**
   * For an uploaded PDF: its bytes are exactly the issued PDF ("matches"); or they differ but the signed
   * content is the same, as after a lossless re-save ("equivalent"); or the content differs ("modified",
   * with what differs).
   */
  pdf?: "matches" | "equivalent" | "modified";
  pdfDifferences?: PdfDifference[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What this viewer may see of an accord: its parties' and witnesses' members
 * see the parties' view at every stage; anyone else only the public view, and
 * only once the accord is executed. Null means "not found" (existence is not
 * confirmed to outsiders).
 */
export async function accordViewFor(viewer: SessionUser | null, accordId: string): Promise<BundleView | null> {
  if (!UUID.test(accordId)) return null;
  if (await canAccords(viewer, "accord:view", { accordId })) return "parties";
  const executed = await db().accord.findFirst({ where: { id: accordId, status: "EXECUTED" }, select: { id: true } });
  return executed ? "public" : null;
}

export type GetAccordBundleOptions = { viewer: SessionUser | null; accordId: string; view?: BundleView };

/**
 * The verification bundle the viewer may have: the parties' view for members
 * (or the public one if they ask for it), the public view of an executed
 * accord for everyone else; 404 otherwise, and before the text is frozen.
 */
export async function getAccordBundle(o: GetAccordBundleOptions): Promise<VerificationBundle> {
  const allowed = await accordViewFor(o.viewer, o.accordId);
  if (!allowed) throw notFound("accords.notFound");
  const bundle = await loadBundle(db(), o.accordId, o.view === "public" ? "public" : allowed);
  if (!bundle) throw notFound("accords.notFound");
  return bundle;
}

/** Finds an accord the viewer may see by document hash (64 hex) or by a link/id containing its id. */
export async function findAccordId(query: string, viewer: SessionUser | null): Promise<string | null> {
  const q = query.trim().toLowerCase();
  const hash = q.match(/\b[0-9a-f]{64}\b/)?.[0];
  let id: string | null = null;
  if (hash) {
    id = (await db().accord.findFirst({ where: { documentHash: hash }, select: { id: true } }))?.id ?? null;
  } else {
    const linked = q.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)?.[0];
    if (linked)
      id = (await db().accord.findFirst({ where: { id: linked, documentHash: { not: null } }, select: { id: true } }))?.id ?? null;
  }
  return id && (await accordViewFor(viewer, id)) ? id : null;
}

/** The offline commands for an accord's bundle, with this deployment's seal key pinned. */
function offlineCommands(accordId: string) {
  const file = `accord-${accordId}.bundle.json`;
  return {
    pinned: `npm run verify -- ${file} --key ${publishedSealKey().publicKey}`,
    fetched: `npm run verify -- ${file} --from ${new URL(env().APP_URL).origin}`,
  };
}

/**
 * Verifications already made, by the digest of everything their bundle was built from (`bundleDigest`:
 * the accord's record and audit rows, computed by PostgreSQL) and the pinned key. The bundle is a
 * deterministic function of those rows and verifyBundle a pure function of the bundle and the key, so
 * the same digest means the same report; a row changed in any byte (a clause, a party, a signature, an
 * audit entry, the seal) changes the digest and the accord is loaded and verified afresh (decision 076).
 * Bounded, least recently used out first: an executed accord is looked at again and again at its ceremony.
 * Held as the verification in flight, so that those who open the accord while it is being verified (at
 * its ceremony, everyone at once) wait for that one instead of each loading and verifying it again.
 */
type Verified = Omit<AccordVerification, "commands"> & { executed: boolean };
const verified = new Lru<string, Promise<Verified | null>>(200);

/** Loads the accord and verifies it; the digest and the bundle from one snapshot. */
async function verifyNow(accordId: string, view: BundleView, trusted: string): Promise<{ digest: string; v: Verified } | null> {
  const fresh = await db().$transaction(
    async (tx) => {
      const d = await bundleDigest(tx, accordId, view);
      const loaded = d ? await loadAccordForVerification(tx, accordId, view) : null;
      return d && loaded ? { d, loaded } : null;
    },
    { isolationLevel: "RepeatableRead" },
  );
  if (!fresh) return null;
  const { bundle, title, titleZh } = fresh.loaded;
  const report = await verifyBundle(bundle, { trustedSealKey: trusted });
  return {
    digest: fresh.d,
    v: { accordId, documentHash: bundle.document.hash, title, titleZh, report, executed: bundle.status === "EXECUTED" },
  };
}

/**
 * Re-verifies an accord from what is in the database right now, through the
 * same pure verifier the offline script uses, with Concord's own published
 * seal key pinned as the trusted one. Null when the viewer may not see it.
 */
export async function verifyAccord(accordId: string, viewer: SessionUser | null): Promise<AccordVerification | null> {
  // A visitor (no session) gets the public view of an executed accord and nothing else, as accordViewFor
  // decides; the status is read with the bundle itself instead of by a query of its own before it.
  const view = viewer ? await accordViewFor(viewer, accordId) : UUID.test(accordId) ? "public" : null;
  if (!view) return null;
  const trusted = publishedSealKey().publicKey;
  const keyOf = (digest: string) => `${trusted}:${digest}`;
  const digest = await bundleDigest(db(), accordId, view);
  if (!digest) return null;
  const key = keyOf(digest);
  // A failed verification, or one that found nothing to show, is not remembered.
  const v = await verified.remember(
    key,
    async () => {
      const fresh = await verifyNow(accordId, view, trusted);
      if (!fresh) return null;
      // Remembered under the digest of what it checked: a row changed between the two reads moves it.
      const checked = keyOf(fresh.digest);
      if (checked !== key) {
        verified.delete(key);
        verified.set(checked, Promise.resolve(fresh.v));
      }
      return fresh.v;
    },
    (found) => found !== null,
  );
  if (!v) return null;
  if (!viewer && !v.executed) return null;
  const { executed: _, ...result } = v;
  return { ...result, commands: offlineCommands(accordId) };
}

export type PdfCheck = { kind: "not-pdf" } | { kind: "unknown" } | ({ kind: "found" } & AccordVerification);

/** An uploaded PDF: matched by the whole-file hash, else by the accord id and hash in its metadata. */
export async function verifyUploadedPdf(bytes: Uint8Array, viewer: SessionUser | null): Promise<PdfCheck> {
  if (Buffer.from(bytes.subarray(0, 5)).toString("latin1") !== "%PDF-") return { kind: "not-pdf" };
  const fileHash = sha256Hex(bytes);
  const exact = await db().accord.findUnique({ where: { pdfHash: fileHash }, select: { id: true } });
  if (exact) {
    const v = await verifyAccord(exact.id, viewer);
    return v ? { kind: "found", ...v, pdf: "matches" } : { kind: "unknown" };
  }
  let identity: Awaited<ReturnType<typeof readPdfIdentity>> = null;
  try {
    identity = await readPdfIdentity(bytes);
  } catch {
    return { kind: "not-pdf" };
  }
  if (!identity) return { kind: "unknown" };
  const accord = await db().accord.findFirst({
    where: { id: identity.accordId, documentHash: identity.documentHash, status: "EXECUTED" },
    select: { id: true, pdf: true },
  });
  if (!accord) return { kind: "unknown" };
  const v = await verifyAccord(accord.id, viewer);
  if (!v) return { kind: "unknown" };
  let differences: PdfDifference[] = [{ kind: "resources" }];
  if (accord.pdf) {
    try {
      differences = await compareSignedContent(new Uint8Array(accord.pdf), bytes);
    } catch {
      // An upload pdf-lib cannot read as a whole is not the issued content.
    }
  }
  return differences.length === 0
    ? { kind: "found", ...v, pdf: "equivalent" }
    : { kind: "found", ...v, pdf: "modified", pdfDifferences: differences };
}
