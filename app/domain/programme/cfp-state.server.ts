import type { Db, Tx } from "~/utils/db.server";

export type CfpPhase = "none" | "notYet" | "open" | "closed";

/** Where the call stands at `now`: proposals are taken from opensAt (inclusive) to closesAt (exclusive). */
export function cfpPhase(call: { opensAt: Date; closesAt: Date } | null, now = new Date()): CfpPhase {
  if (!call) return "none";
  if (now < call.opensAt) return "notYet";
  return now < call.closesAt ? "open" : "closed";
}

/** The call of a conference with its questions, in order. */
export function loadCall(client: Db | Tx, conferenceId: string) {
  return client.callForProposals.findUnique({
    where: { conferenceId },
    select: {
      opensAt: true,
      closesAt: true,
      formats: true,
      intro: true,
      introZh: true,
      blindReview: true,
      conference: {
        select: {
          cfpQuestions: {
            orderBy: { position: "asc" },
            select: { id: true, label: true, labelZh: true, required: true, shownInBlindReview: true },
          },
        },
      },
    },
  });
}
