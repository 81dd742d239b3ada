import { db } from "~/utils/db.server";
import { notFound, unauthorized, FieldError } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import type { OwnProfileInput } from "./schema";
import { checkPhoto } from "./speaker-photo";

export type UpdateOwnProfileOptions = { actor: SessionUser | null; speakerId: string; input: OwnProfileInput; photo?: File | null };

/** A speaker edits their own profile from the portal (the where clause is the access check). */
export async function updateOwnProfile({ actor, speakerId, input, photo }: UpdateOwnProfileOptions) {
  if (!actor) throw unauthorized();
  const checked = photo && photo.size > 0 ? await checkPhoto(photo) : null;
  if (checked && !checked.ok) throw new FieldError("photo", checked.message);
  return db().$transaction(async (tx) => {
    const data = {
      nameLatin: input.nameLatin,
      nameNative: input.nameNative ?? null,
      position: input.position ?? null,
      organization: input.organization ?? null,
      bio: input.bio ?? "",
      bioZh: input.bioZh ?? null,
      ...(checked?.ok ? { photo: checked.bytes, photoType: checked.type } : {}),
    };
    const { count } = await tx.speaker.updateMany({ where: { id: speakerId, userId: actor.id }, data });
    if (count === 0) throw notFound();
    const { photo: _p, ...logged } = data;
    await audit(tx, {
      actorId: actor.id,
      action: "programme.speaker.self-update",
      entityType: "Speaker",
      entityId: speakerId,
      data: logged,
    });
  });
}
