import { now } from "~/utils/clock.server";
import type { Tx } from "~/utils/db.server";
import { absoluteUrl } from "~/utils/http.server";
import { sha256Hex } from "./canonical";
import { appendChain, type LockedAccord } from "./chain.server";
import { loadBundle } from "./bundle.server";
import { notifyOrgs, partyOrgIds } from "./notify.server";
import { renderExecutedPdf } from "./pdf.server";
import { sealDocument, sealKey } from "./seal.server";
import { relyingParty } from "./webauthn.server";

/**
 * Executes the accord when every party has signed. Called by the signing
 * operation while it holds the accord row lock; the status update is also
 * conditional (SIGNING → EXECUTED) so execution can only ever happen once.
 * The executed PDF is produced here, in the same transaction, and stored.
 */
export async function executeIfComplete(tx: Tx, state: LockedAccord) {
  const unsigned = await tx.accordParty.count({ where: { accordId: state.id, role: "PARTY", signature: null } });
  if (unsigned > 0) return false;
  const executedAt = now();
  const { count } = await tx.accord.updateMany({ where: { id: state.id, status: "SIGNING" }, data: { status: "EXECUTED", executedAt } });
  if (count !== 1) return false;
  state.status = "EXECUTED";
  await appendChain(tx, state, {
    actorId: null,
    actorName: "Concord",
    type: "executed",
    data: { documentHash: state.documentHash },
    at: executedAt,
  });
  // The PDF first (from the public view: no private detail in a public file), then the seal over
  // everything a verifier relies on, the PDF's hash and the deployment's WebAuthn origin included.
  const bundle = (await loadBundle(tx, state.id, "public"))!;
  const chain = { chainHead: state.chainHead!, chainLength: state.chainLength };
  const pdf = await renderExecutedPdf({
    bundle,
    document: JSON.parse(bundle.document.canonical),
    verifyUrl: absoluteUrl(`/verify?hash=${state.documentHash}`),
    executedAt,
    seal: { keyId: sealKey().keyId, ...chain },
  });
  const pdfHash = sha256Hex(pdf);
  const { rpId, origin } = relyingParty();
  const seal = sealDocument({
    accordId: state.id,
    documentHash: state.documentHash!,
    ...chain,
    executedAt: executedAt.toISOString(),
    pdfHash,
    timeZone: bundle.timeZone,
    origin,
    rpId,
  });
  await tx.accord.update({
    where: { id: state.id },
    data: { sealPayload: seal.payload, sealSignature: seal.signature, sealKeyId: seal.keyId, pdf: Buffer.from(pdf), pdfHash },
  });
  await notifyOrgs(tx, await partyOrgIds(tx, state.id), {
    event: "executed",
    accordId: state.id,
    path: `/verify?hash=${state.documentHash}`,
    // The PDF stored above, read back when each email is delivered: one copy in the database, not one per recipient.
    attachments: [{ kind: "executed-accord", accordId: state.id }],
  });
  return true;
}
