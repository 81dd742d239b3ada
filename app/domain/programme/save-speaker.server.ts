import { db } from "~/utils/db.server";
import { notFound, FieldError } from "~/utils/errors";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { guardedConference } from "./programme-conference.server";
import type { SpeakerInput } from "./schema";
import { checkPhoto } from "./speaker-photo";

export type SaveSpeakerOptions = { actor: SessionUser | null; slug: string; speakerId?: string; input: SpeakerInput; photo?: File | null };

/**
 * Creates or edits a speaker profile of the conference. The profile is
 * linked to the account with the same email when there is one, so the
 * speaker finds it in their portal.
 */
export async function saveSpeaker({ actor, slug, speakerId, input, photo }: SaveSpeakerOptions) {
  const checked = photo && photo.size > 0 ? await checkPhoto(photo) : null;
  if (checked && !checked.ok) throw new FieldError("photo", checked.message);
  return db().$transaction(async (tx) => {
    const conference = await guardedConference(tx, actor, slug);
    const account = input.email ? await tx.user.findUnique({ where: { email: input.email }, select: { id: true } }) : null;
    if (
      account &&
      (await tx.speaker.findFirst({
        where: { conferenceId: conference.id, userId: account.id, id: speakerId ? { not: speakerId } : undefined },
        select: { id: true },
      }))
    ) {
      throw new FieldError("email", "programme.validation.speakerExists");
    }
    const data = {
      nameLatin: input.nameLatin,
      nameNative: input.nameNative ?? null,
      position: input.position ?? null,
      organization: input.organization ?? null,
      bio: input.bio ?? "",
      bioZh: input.bioZh ?? null,
      email: input.email ?? null,
      userId: account?.id ?? null,
      ...(checked?.ok ? { photo: checked.bytes, photoType: checked.type } : {}),
    };
    let id = speakerId;
    if (id) {
      const { count } = await tx.speaker.updateMany({ where: { id, conferenceId: conference.id }, data });
      if (count === 0) throw notFound();
    } else {
      id = (await tx.speaker.create({ data: { ...data, conferenceId: conference.id }, select: { id: true } })).id;
    }
    const { photo: _p, ...logged } = data;
    await audit(tx, {
      actorId: actor!.id,
      action: speakerId ? "programme.speaker.update" : "programme.speaker.create",
      entityType: "Speaker",
      entityId: id,
      data: { ...logged, photo: !!checked },
    });
    return { id };
  });
}
