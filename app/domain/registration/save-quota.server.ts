import { db } from "~/utils/db.server";
import { AppError, FieldError } from "~/utils/errors";
import { audit } from "../audit.server";
import { managedConference, type ManageOptions } from "./manage-context.server";
import type { QuotaInput } from "./schemas";
import { offerFreedPlaces } from "./waitlist.server";

/**
 * Creates a quota or changes its capacity. Capacity can never go below the
 * places already taken; raising it offers the new places to the waitlist at once.
 */
export async function saveQuota({ actor, slug, input, now = new Date() }: ManageOptions & { input: QuotaInput; now?: Date }) {
  return db().$transaction(async (tx) => {
    const conference = await managedConference(tx, actor, slug);
    if (!input.quotaId) {
      const quota = await tx.quota.create({ data: { conferenceId: conference.id, name: input.name, capacity: input.capacity } });
      await audit(tx, {
        actorId: actor!.id,
        action: "quota.create",
        entityType: "Quota",
        entityId: quota.id,
        data: { capacity: input.capacity },
      });
      return quota;
    }
    const [q] = await tx.$queryRaw<{ id: string; used: number }[]>`
      SELECT id, used FROM "Quota" WHERE id = ${input.quotaId}::uuid AND "conferenceId" = ${conference.id}::uuid FOR UPDATE`;
    if (!q) throw new FieldError("quotaId", "validation.invalid");
    if (input.capacity < q.used) throw new AppError("QUOTA_BELOW_USED", "reg.error.quotaBelowUsed", { used: q.used });
    const quota = await tx.quota.update({ where: { id: q.id }, data: { capacity: input.capacity, name: input.name } });
    await audit(tx, {
      actorId: actor!.id,
      action: "quota.update",
      entityType: "Quota",
      entityId: q.id,
      data: { capacity: input.capacity },
    });
    await offerFreedPlaces(tx, conference.id, now);
    return quota;
  });
}
