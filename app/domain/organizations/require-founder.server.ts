import { AppError } from "~/utils/errors";
import { can } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";

export type RequireFounderOptions = { actor: SessionUser };

/** Founding an organization needs a verified email: says so (403) instead of a bare "forbidden". */
export async function requireFounder({ actor }: RequireFounderOptions) {
  if (!(await can(actor, "org:create", { site: true }))) throw new AppError("FORBIDDEN", "org.new.verifyFirst");
  return actor;
}
