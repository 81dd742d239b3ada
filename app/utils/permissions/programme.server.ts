import { db, type Db, type Tx } from "../db.server";
import { AppError } from "../errors";
import { can } from "../permissions.server";
import type { SessionUser } from "../session.server";

/**
 * Who may do what to a conference's programme. Conference-level facts come
 * from the central `can`; the one programme-specific fact is which tracks a
 * reviewer was assigned (reviewers see only their tracks' proposals).
 */
export type ProgrammeAction =
  /** Rooms, tracks, sessions, speakers, timetable, CfP settings, decisions. */
  | "programme:manage"
  /** See the draft programme (the conference team). */
  | "programme:view-draft"
  /** Review proposals of a track (organizers: every track). */
  | "programme:review";

export type ProgrammeResource = { conferenceId: string; trackId?: string | null };

type Client = Db | Tx;

export async function canProgramme(
  user: SessionUser | null,
  action: ProgrammeAction,
  resource: ProgrammeResource,
  client: Client = db(),
): Promise<boolean> {
  if (!user) return false;
  const conference = { conferenceId: resource.conferenceId };
  switch (action) {
    case "programme:manage":
      return can(user, "conference:update", conference, client);
    case "programme:view-draft":
      return can(user, "conference:view-draft", conference, client);
    case "programme:review": {
      if (await can(user, "conference:update", conference, client)) return true;
      if (!(await can(user, "conference:review", conference, client))) return false;
      // Without a track: "may review something here"; with one: assigned to it.
      const assignment = await client.reviewerAssignment.findFirst({
        where: {
          userId: user.id,
          track: { conferenceId: resource.conferenceId },
          ...(resource.trackId ? { trackId: resource.trackId } : {}),
        },
        select: { trackId: true },
      });
      return assignment !== null;
    }
    default:
      return false;
  }
}

/** Guard: 401 when signed out, 403 when not allowed (same contract as requirePermission). */
export async function requireProgrammePermission(
  user: SessionUser | null,
  action: ProgrammeAction,
  resource: ProgrammeResource,
  client: Client = db(),
) {
  if (!user) throw new AppError("UNAUTHORIZED", "error.unauthorized");
  if (!(await canProgramme(user, action, resource, client))) throw new AppError("FORBIDDEN", "error.forbidden");
}
