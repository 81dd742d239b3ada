import { hashSecret } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";

export type GetInvitationOptions = { token: string };

/** The invitation an emailed link stands for (the link is the secret, so its holder may read it), or a 404. */
export async function getInvitation({ token }: GetInvitationOptions) {
  const inv = await db().orgInvitation.findUnique({
    where: { tokenHash: hashSecret(token) },
    select: {
      email: true,
      roles: true,
      acceptedAt: true,
      revokedAt: true,
      expiresAt: true,
      org: { select: { slug: true, nameEn: true, nameNative: true } },
      invitedBy: { select: { nameLatin: true } },
    },
  });
  if (!inv) throw notFound();
  return inv;
}
