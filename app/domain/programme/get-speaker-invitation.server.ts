import { db } from "~/utils/db.server";
import { invitationByToken } from "./respond-invitation.server";

export type GetSpeakerInvitationOptions = { token: string };

/** The speaker invitation an emailed link stands for (anyone holding the link may read it), or INVITATION_INVALID. */
export async function getSpeakerInvitation({ token }: GetSpeakerInvitationOptions) {
  return invitationByToken(db(), token);
}
