// Programme routes: organizers (and the host organization's admins) manage the
// programme; any signed-in person manages their own agenda.
import * as mySession from "~/routes/conferences.$slug.sessions.$id";
import * as manageList from "~/routes/conferences.$slug.manage.programme._index";
import * as rooms from "~/routes/conferences.$slug.manage.programme.rooms";
import * as editSession from "~/routes/conferences.$slug.manage.programme.sessions.$id";
import * as timetable from "~/routes/conferences.$slug.manage.timetable";
import * as agenda from "~/routes/my.agenda";
import { makeRoom, makeSession } from "../programme/support";
import { SIGNED_IN, type PermissionRow } from "./types";

const ORGANIZERS: PermissionRow["allowed"] = ["organizer", "orgAdmin"];

export const rows: PermissionRow[] = [
  {
    name: "GET /conferences/:slug/manage/programme",
    route: manageList,
    kind: "loader",
    request: (cast) => ({ path: `/conferences/${cast.conference.slug}/manage/programme`, params: { slug: cast.conference.slug } }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme (delete a session)",
    route: manageList,
    request: async (cast) => {
      const s = await makeSession(cast.conference.id);
      return { path: `/conferences/${cast.conference.slug}/manage/programme`, params: { slug: cast.conference.slug }, form: { intent: "delete-session", id: s.id } };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/rooms (add a room)",
    route: rooms,
    request: (cast) => ({ path: `/conferences/${cast.conference.slug}/manage/programme/rooms`, params: { slug: cast.conference.slug }, form: { intent: "room", name: "Hall A", capacity: "300" } }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/rooms (add a track)",
    route: rooms,
    request: (cast) => ({ path: `/conferences/${cast.conference.slug}/manage/programme/rooms`, params: { slug: cast.conference.slug }, form: { intent: "track", name: "Quality", colour: "#336699" } }),
    allowed: ORGANIZERS,
  },
  {
    name: "GET /conferences/:slug/manage/programme/sessions/new",
    route: editSession,
    kind: "loader",
    request: (cast) => ({ path: `/conferences/${cast.conference.slug}/manage/programme/sessions/new`, params: { slug: cast.conference.slug, id: "new" } }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/sessions/new",
    route: editSession,
    request: (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/programme/sessions/new`,
      params: { slug: cast.conference.slug, id: "new" },
      form: { title: "Opening", kind: "PLENARY", start: "2025-09-27T09:00", end: "2025-09-27T09:30", language: "zh", status: "PUBLISHED" },
    }),
    allowed: ORGANIZERS,
  },
  {
    name: "GET /conferences/:slug/manage/timetable",
    route: timetable,
    kind: "loader",
    request: (cast) => ({ path: `/conferences/${cast.conference.slug}/manage/timetable`, params: { slug: cast.conference.slug } }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/timetable (place a session)",
    route: timetable,
    request: async (cast) => {
      const room = await makeRoom(cast.conference.id);
      const s = await makeSession(cast.conference.id);
      return {
        path: `/conferences/${cast.conference.slug}/manage/timetable`,
        params: { slug: cast.conference.slug },
        form: { intent: "place", sessionId: s.id, roomId: room.id, start: "2025-09-27T10:00", end: "2025-09-27T11:00" },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/timetable (publish a version)",
    route: timetable,
    request: (cast) => ({ path: `/conferences/${cast.conference.slug}/manage/timetable`, params: { slug: cast.conference.slug }, form: { intent: "publish" } }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/sessions/:id (star a session)",
    route: mySession,
    request: async (cast) => {
      const s = await makeSession(cast.otherConference.id, { start: "2025-09-27T09:00", end: "2025-09-27T10:00" });
      return { path: `/conferences/${cast.otherConference.slug}/sessions/${s.id}`, params: { slug: cast.otherConference.slug, id: s.id }, form: { intent: "star" } };
    },
    allowed: SIGNED_IN,
  },
  {
    name: "GET /my/agenda",
    route: agenda,
    kind: "loader",
    request: () => ({ path: "/my/agenda" }),
    allowed: SIGNED_IN,
  },
  {
    name: "POST /my/agenda (new calendar address)",
    route: agenda,
    request: () => ({ path: "/my/agenda", form: {} }),
    allowed: SIGNED_IN,
  },
];
