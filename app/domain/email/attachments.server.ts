import { getExecutedPdf } from "~/domain/accords/get-executed-pdf.server";
import { receiptPdf, visaLetterPdf } from "~/domain/registration/documents.server";
import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { parseAttachmentRefs, type AttachmentRef } from "./attachments";
import type { OutgoingAttachment } from "./transport.server";

/**
 * The attendee of a registration, as the actor a document is produced for: the receipt and the
 * letter are made through the same operations (and the same permission check) as the attendee's own
 * download, so an email never carries what its recipient could not download. No session stands behind it.
 */
async function attendeeOf(registrationId: string): Promise<SessionUser> {
  const r = await db().registration.findUniqueOrThrow({
    where: { id: registrationId },
    select: { user: { select: { id: true, email: true, nameLatin: true, nameNative: true, locale: true, emailVerifiedAt: true } } },
  });
  const u = r.user;
  return {
    id: u.id,
    email: u.email,
    nameLatin: u.nameLatin,
    nameNative: u.nameNative,
    locale: u.locale,
    emailVerified: u.emailVerifiedAt !== null,
    sessionId: "",
  };
}

const pdf = (filename: string, content: Uint8Array): OutgoingAttachment => ({
  filename,
  content: Buffer.from(content),
  contentType: "application/pdf",
});

async function produce(ref: AttachmentRef): Promise<OutgoingAttachment> {
  switch (ref.kind) {
    case "executed-accord": {
      // The stored bytes, not a new rendering: the seal covers this file's hash.
      const found = await getExecutedPdf({ accordId: ref.accordId });
      if (!found) throw new Error(`attachment ${ref.kind}: accord ${ref.accordId} has no executed PDF`);
      return pdf(`accord-${ref.accordId}.pdf`, found.pdf);
    }
    case "receipt": {
      const { filename, bytes } = await receiptPdf({ actor: await attendeeOf(ref.registrationId), registrationId: ref.registrationId });
      return pdf(filename, bytes);
    }
    case "visa-letter": {
      const { filename, bytes } = await visaLetterPdf({ actor: await attendeeOf(ref.registrationId), registrationId: ref.registrationId });
      return pdf(filename, bytes);
    }
  }
}

/**
 * Produces the documents an outbox row refers to, at each delivery attempt (decision 068). A document
 * that cannot be produced fails the attempt, like an SMTP error: the email is retried and, if it never
 * can be, marked FAILED with the reason, rather than sent saying "attached" without it.
 */
export async function produceAttachments(stored: unknown): Promise<OutgoingAttachment[]> {
  const refs = parseAttachmentRefs(stored);
  const out: OutgoingAttachment[] = [];
  for (const ref of refs) out.push(await produce(ref));
  return out;
}
