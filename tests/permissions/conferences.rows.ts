// Permission rows for the conference pages (see table.test.ts).
import * as pageRoute from "~/routes/conferences/overview";
import * as editRoute from "~/routes/conferences/edit";
import * as rolesRoute from "~/routes/conferences/roles";
import * as newRoute from "~/routes/conferences/new";
import type { Cast } from "../support/world";
import type { PermissionRow } from "./types";

const TEAM = ["organizer", "orgAdmin"] as const;

export const conferenceForm = {
  title: "International Conference on Excellent Engineer Training",
  titleZh: "卓越工程师培养国际会议",
  edition: "2",
  startDate: "2026-09-26",
  endDate: "2026-09-28",
  venue: "Beijing International Convention Center",
  city: "Beijing",
  country: "CN",
  timeZone: "Asia/Shanghai",
  description: "Engineering education.",
  defaultLocale: "en",
  currency: "CNY",
};

const at = (cast: Cast, suffix = "") => ({ path: `/conferences/${cast.conference.slug}${suffix}`, params: { slug: cast.conference.slug } });

export const rows: PermissionRow[] = [
  {
    name: "new conference page (GET /conferences/new?org=)",
    route: newRoute,
    kind: "loader",
    request: (cast) => ({ path: `/conferences/new?org=${cast.org.slug}` }),
    allowed: ["orgAdmin"],
  },
  {
    name: "create conference (POST /conferences/new?org=)",
    route: newRoute,
    request: (cast) => ({ path: `/conferences/new?org=${cast.org.slug}`, form: conferenceForm }),
    allowed: ["orgAdmin"],
  },
  {
    name: "draft conference page (GET /conferences/:slug)",
    route: pageRoute,
    kind: "loader",
    request: (cast) => at(cast),
    allowed: ["organizer", "orgAdmin", "reviewer", "checkin"],
    // The public page hides unpublished conferences with a 404: their existence is not revealed.
    deniedAs: [404],
  },
  {
    name: "conference edit page (GET /conferences/:slug/edit)",
    route: editRoute,
    kind: "loader",
    request: (cast) => at(cast, "/edit"),
    allowed: [...TEAM],
  },
  {
    name: "edit conference (POST /conferences/:slug/edit)",
    route: editRoute,
    request: (cast) => ({ ...at(cast, "/edit"), form: { intent: "save", ...conferenceForm } }),
    allowed: [...TEAM],
  },
  {
    name: "publish conference",
    route: editRoute,
    request: (cast) => ({ ...at(cast, "/edit"), form: { intent: "status", status: "PUBLISHED" } }),
    allowed: [...TEAM],
  },
  {
    name: "publish conference, confirmed",
    route: editRoute,
    request: (cast) => ({ ...at(cast, "/edit"), form: { intent: "status", status: "PUBLISHED", confirm: "1" } }),
    allowed: [...TEAM],
  },
  {
    name: "archive conference",
    route: editRoute,
    request: (cast) => ({ ...at(cast, "/edit"), form: { intent: "status", status: "ARCHIVED" } }),
    allowed: [...TEAM],
  },
  {
    name: "archive conference, confirmed",
    route: editRoute,
    request: (cast) => ({ ...at(cast, "/edit"), form: { intent: "status", status: "ARCHIVED", confirm: "1" } }),
    allowed: [...TEAM],
  },
  {
    name: "conference roles page (GET /conferences/:slug/roles)",
    route: rolesRoute,
    kind: "loader",
    request: (cast) => at(cast, "/roles"),
    allowed: [...TEAM],
  },
  {
    name: "grant conference role",
    route: rolesRoute,
    request: (cast) => ({ ...at(cast, "/roles"), form: { intent: "grant", email: cast.people.attendee.email, role: "REVIEWER" } }),
    allowed: [...TEAM],
  },
  {
    name: "revoke conference role",
    route: rolesRoute,
    request: (cast) => ({ ...at(cast, "/roles"), form: { intent: "revoke", userId: cast.people.reviewer.id, role: "REVIEWER" } }),
    allowed: [...TEAM],
  },
  {
    name: "revoke conference role, confirmed",
    route: rolesRoute,
    request: (cast) => ({
      ...at(cast, "/roles"),
      form: { intent: "revoke", userId: cast.people.reviewer.id, role: "REVIEWER", confirm: "1" },
    }),
    allowed: [...TEAM],
  },
];
