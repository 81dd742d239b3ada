// A bare carriage return in a title (a call-for-proposals submitter's, which later becomes a public session)
// was written unescaped into the public .ics, so some parsers saw a forged event. One writer now escapes
// every TEXT value and strips every control character from every value, for every .ics Concord serves.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import * as programmeIcs from "~/routes/programme/programme-ics";
import * as registrationCalendar from "~/routes/registration/registration-calendar";
import { db } from "~/utils/db.server";
import { renderCalendar } from "~/utils/ics";
import { callLoader } from "../support/http";
import { makeUser } from "../support/world";
import { makeSession, organizerWorld } from "../programme/support";
import { makeTicketing } from "../registration/support";

const FORGED = "Real talk\rEND:VEVENT\rBEGIN:VEVENT\rUID:forged\rSUMMARY:Official declaration\rDTSTART:20250927T010000Z";
const HOSTILE = [
  FORGED,
  FORGED.replaceAll("\r", "\n"),
  FORGED.replaceAll("\r", "\r\n"),
  FORGED.replaceAll("\r", "\u0085"),
  FORGED.replaceAll("\r", "\u2028"),
  "NUL\u0000 and DEL\u007f and ESC\u001b[31m and tab\there; comma, backslash \\",
];

/** Every check a strict reader would make: CRLF-terminated lines only, no control character, one event each. */
function strictEvents(text: string) {
  expect(text.endsWith("\r\n")).toBe(true);
  const lines = text.slice(0, -2).split("\r\n");
  for (const line of lines) {
    expect(
      [...line].some((ch) => ch.codePointAt(0)! < 0x20 || (ch.codePointAt(0)! >= 0x7f && ch.codePointAt(0)! <= 0x9f)),
      JSON.stringify(line),
    ).toBe(false);
    expect(line).not.toMatch(/[\u2028\u2029]/);
  }
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
  return { lines, events };
}

describe("iCalendar output cannot be forged", () => {
  it("one writer: a hostile summary, location and description stay inside their one event", () => {
    for (const value of HOSTILE) {
      const text = renderCalendar({
        name: value,
        events: [
          {
            uid: "s1@concord",
            sequence: 0,
            start: new Date("2025-09-27T01:00:00Z"),
            end: new Date("2025-09-27T02:00:00Z"),
            summary: value,
            location: value,
            description: value,
            url: `https://concord.example/x${value}`,
          },
        ],
      });
      const { lines, events } = strictEvents(text);
      expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
      expect(events).toHaveLength(1);
      expect(events[0].uid).toBe("s1@concord");
      // The words survive as text of the one event.
      if (value.includes("Official declaration")) expect(events[0].summary).toContain("Official declaration");
      else expect(events[0].summary).toBe("NUL and DEL and ESC[31m and tab here; comma, backslash \\");
    }
  });

  it("a proposal title with a bare CR gives one event in the public programme .ics", async () => {
    const { conference } = await organizerWorld();
    await makeSession(conference.id, { title: FORGED, start: "2025-09-27T09:00", end: "2025-09-27T10:00" });
    const res = await callLoader(programmeIcs, {
      path: `/conferences/${conference.slug}/programme.ics`,
      params: { slug: conference.slug },
    });
    expect(res.status).toBe(200);
    const { events } = strictEvents(String(res.data));
    expect(events).toHaveLength(1);
    expect(events.map((e) => e.uid)).not.toContain("forged");
  });

  it("a conference title with a bare CR gives one event in one's registration calendar (the second writer is gone)", async () => {
    // The Beijing days, so that the all-day event's dates are known (test conferences default to two months ahead).
    const setup = await makeTicketing({ startDate: new Date("2025-09-27"), endDate: new Date("2025-09-28") });
    await db().conference.update({ where: { id: setup.conference.id }, data: { title: FORGED, venue: "Hall\r\nBEGIN:VEVENT" } });
    const user = await makeUser();
    const reg = await db().registration.create({
      data: {
        conferenceId: setup.conference.id,
        userId: user.id,
        ticketTypeId: setup.ticket.id,
        status: "CONFIRMED",
        method: "FREE",
        priceCents: 0,
        amountCents: 0,
        currency: "CNY",
        reference: `R-${user.id.slice(0, 8)}`,
        badgeCode: `B-${user.id.slice(0, 8)}`,
      },
    });
    const res = await callLoader(registrationCalendar, {
      path: `/my/registrations/${reg.id}/calendar`,
      params: { id: reg.id },
      cookie: user.cookie,
    });
    expect(res.status).toBe(200);
    const text = String(res.data);
    const { events } = strictEvents(text);
    expect(events).toHaveLength(1);
    expect(text).toContain("DTSTART;VALUE=DATE:20250927");
    expect(text).toContain("DTEND;VALUE=DATE:20250929");
  });
});
