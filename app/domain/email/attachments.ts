// What an outbox email may carry as attachments: references to documents that
// Concord can produce again, never the bytes (decision 068). Plain data, so a
// reference survives the row's JSON column and deferred rendering (decision 032).
import { z } from "zod";

export const attachmentRefSchema = z.discriminatedUnion("kind", [
  /** The executed accord's PDF exactly as stored at execution (its hash is under the seal). */
  z.object({ kind: z.literal("executed-accord"), accordId: z.uuid() }),
  /** The registration's receipt, generated as its attendee would download it. */
  z.object({ kind: z.literal("receipt"), registrationId: z.uuid() }),
  /** The approved visa invitation letter of the registration's attendee. */
  z.object({ kind: z.literal("visa-letter"), registrationId: z.uuid() }),
]);

export type AttachmentRef = z.infer<typeof attachmentRefSchema>;

/** The stored column, read back: null or [] for none; anything else malformed throws (a failed attempt). */
export function parseAttachmentRefs(value: unknown): AttachmentRef[] {
  if (value === null || value === undefined) return [];
  return z.array(attachmentRefSchema).parse(value);
}
