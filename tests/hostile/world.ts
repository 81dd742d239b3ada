// The world the hostile suite walks: the demo data (a published conference with tickets, registrations,
// a programme, proposals and accords), its organizer and an attendee signed in, and a real value for
// every kind of `:param` so that pages render their forms. A route added later with a parameter not
// known here still gets a random UUID (it is then walked with hostile values only).
import { createSession } from "~/domain/accounts/sessions.server";
import { DEMO_CONFERENCE_SLUG } from "~/demo/facts";
import { seedDemo } from "~/demo/seed.server";
import { db } from "~/utils/db.server";
import { cookieFor } from "../support/world";
import { routeList, type RouteInfo } from "./app";

export type HostileWorld = Awaited<ReturnType<typeof makeHostileWorld>>;

async function signIn(email: string) {
  const user = await db().user.findUniqueOrThrow({ where: { email } });
  const sessionId = await db().$transaction((tx) => createSession(tx, user.id, { ip: "127.0.0.1" }));
  return cookieFor(sessionId);
}

export async function makeHostileWorld() {
  await seedDemo();
  const conference = await db().conference.findUniqueOrThrow({ where: { slug: DEMO_CONFERENCE_SLUG } });
  const org = await db().organization.findUniqueOrThrow({ where: { id: conference.orgId } });
  const first = async <T>(p: Promise<T | null>) => ((await p) as { id: string } | null)?.id ?? crypto.randomUUID();
  const where = { conferenceId: conference.id };
  const ids = {
    registration: await first(db().registration.findFirst({ where })),
    ticket: await first(db().ticketType.findFirst({ where })),
    voucher: await first(db().voucher.findFirst({ where })),
    session: await first(db().programmeSession.findFirst({ where })),
    speaker: await first(db().speaker.findFirst({ where })),
    proposal: await first(db().proposal.findFirst({ where })),
    material: await first(db().speakerMaterial.findFirst({})),
    accord: await first(db().accord.findFirst({})),
  };
  const attendeeRegistration = await first(db().registration.findFirst({ where: { user: { email: "attendee@concord.test" } } }));
  return {
    conference,
    org,
    ids,
    attendeeRegistration,
    cookies: { organizer: await signIn("organizer@concord.test"), attendee: await signIn("attendee@concord.test") },
    /** A new session for each page, so a form that signs out (or revokes sessions) does not end the walk. */
    freshCookie: (who: "organizer" | "attendee") => signIn(`${who}@concord.test`),
  };
}

/** The real value of a route's parameter in the hostile world. */
function paramValue(w: HostileWorld, route: RouteInfo, name: string): string {
  if (name === "slug") return route.fullPath.startsWith("orgs/") ? w.org.slug : w.conference.slug;
  if (name !== "id") return "unknown-token";
  const id = route.id;
  if (id.startsWith("routes/accords/")) return w.ids.accord;
  if (id.startsWith("routes/registration/manage/registration")) return w.ids.registration;
  if (id.startsWith("routes/registration/manage/ticket")) return w.ids.ticket;
  if (id.startsWith("routes/registration/manage/voucher")) return w.ids.voucher;
  if (id.startsWith("routes/registration/")) return w.attendeeRegistration;
  if (/sessions?|session-ics|speaker-portal\/session/.test(id)) return w.ids.session;
  if (/speaker(-photo)?$|manage\/speaker$/.test(id)) return w.ids.speaker;
  if (/proposal|review/.test(id)) return w.ids.proposal;
  if (/material/.test(id)) return w.ids.material;
  return crypto.randomUUID();
}

export type Target = { route: RouteInfo; url: string; params: string[] };

/** Every route with a URL (layouts and the catch-all left out), its parameters filled with real values. */
export function targets(w: HostileWorld): Target[] {
  const out: Target[] = [];
  for (const route of routeList()) {
    if (route.path === undefined && !route.index) continue;
    if (route.fullPath.includes("*")) continue;
    const params = [...route.fullPath.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const url = "/" + route.fullPath.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(paramValue(w, route, name)));
    out.push({ route, url, params });
  }
  return out;
}

/** The URL with one parameter replaced by a hostile segment (already encoded). */
export function withSegment(t: Target, name: string, segment: string, w: HostileWorld) {
  return (
    "/" + t.route.fullPath.replace(/:(\w+)/g, (_, n: string) => (n === name ? segment : encodeURIComponent(paramValue(w, t.route, n))))
  );
}

/** What no answer may contain: a stack trace, an internal error name, SQL. */
export function leaks(body: string): string | null {
  const m =
    /\n\s+at [\w.<>]+ \(|PrismaClient\w*Error|Invalid `prisma\.|node_modules\/|ECONNREFUSED|duplicate key value|invalid input syntax for type/.exec(
      body,
    );
  return m ? m[0] : null;
}
