// Bad input answers 4xx, never 500 (issue 10 §1): hostile path segments in every `:param` of every route
// (walked from app/routes.ts), request bodies that are not forms, and the reproductions the issue names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enAreas } from "~/i18n/en";
import { zhAreas } from "~/i18n/zh";
import { db } from "~/utils/db.server";
import { serveApp, type Served } from "./app";
import { leaks, makeHostileWorld, targets, withSegment, type HostileWorld } from "./world";

const en = enAreas.registration;
const zh = zhAreas.registration;

let app: Served;
let w: HostileWorld;
beforeAll(async () => {
  w = await makeHostileWorld();
  app = await serveApp();
}, 300_000);
afterAll(() => app?.close());

/** Segments that are not what any parameter names (already percent-encoded as they travel). */
const SEGMENTS = {
  nul: "a%00b",
  notUuid: "not-a-uuid",
  hexWithoutDashes: "0123456789abcdef0123456789abcdef0123",
  dashes: "------------------------------------",
  uuidLookalike: "12345678-1234-1234-1234-12345678zzzz",
  unknownUuid: "3f1c2b4a-1111-4222-8333-944455556666",
  badPercent: "%E0%A4%A",
  long: "x".repeat(3000),
  dotdot: "..%2F..%2Fetc%2Fpasswd",
  control: "a%07%1Bb",
};

const send = (url: string, init: RequestInit & { who?: "organizer" | "attendee" } = {}) =>
  fetch(`${app.base}${url}`, {
    redirect: "manual",
    ...init,
    headers: { ...(init.who ? { cookie: w.cookies[init.who] } : {}), ...(init.headers as Record<string, string>) },
  });

async function problemOf(res: Response) {
  const text = await res.text();
  if (res.status >= 500) return `status ${res.status}`;
  if (leaks(text)) return `leaks ${leaks(text)}`;
  return null;
}

describe("hostile path segments", () => {
  it("every :param of every route, signed out and signed in, GET and POST: 4xx or a page, never 5xx", async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const t of targets(w).filter((t) => t.params.length > 0)) {
      for (const name of t.params) {
        for (const [kind, segment] of Object.entries(SEGMENTS)) {
          const url = withSegment(t, name, segment, w);
          for (const who of [undefined, "organizer"] as const) {
            for (const method of who ? ["GET", "POST"] : ["GET"]) {
              requests++;
              const res = await send(url, {
                method,
                who,
                ...(method === "POST" ? { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "intent=x" } : {}),
              });
              const problem = await problemOf(res);
              if (problem) failures.push(`${who ?? "anonymous"} ${method} ${t.route.id} :${name}=${kind}: ${problem}`);
            }
          }
        }
      }
    }
    console.info(`${requests} requests with hostile path segments`);
    expect(failures).toEqual([]);
  }, 900_000);

  it("a NUL in a conference slug is a 400, not a database error", async () => {
    const res = await send("/conferences/a%00b");
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain("a\u0000b");
  });

  it("anonymous photo and .ics routes answer 404 for ids that only look like UUIDs", async () => {
    for (const id of [SEGMENTS.hexWithoutDashes, SEGMENTS.dashes, SEGMENTS.uuidLookalike, SEGMENTS.notUuid]) {
      for (const path of [`speakers/${id}/photo`, `sessions/${id}/calendar.ics`, `sessions/${id}`, `speakers/${id}`]) {
        const res = await send(`/conferences/${w.conference.slug}/${path}`);
        expect(res.status, path).toBe(404);
      }
    }
  });
});

describe("bodies that are not forms", () => {
  it("JSON, text or no content type sent to any page's action answers 415; resource routes keep reading JSON", async () => {
    const failures: string[] = [];
    for (const t of targets(w)) {
      for (const [type, body] of [
        ["application/json", '{"intent":"save","title":"x"}'],
        ["text/plain", "intent=save"],
        [null, "intent=save"],
      ] as const) {
        // A fresh session each time: a resource route such as /logout may end the one it is sent with.
        const cookie = await w.freshCookie("organizer");
        const res = await send(t.url, { method: "POST", headers: { cookie, ...(type ? { "content-type": type } : {}) }, body });
        const problem = await problemOf(res);
        if (problem) failures.push(`${t.route.id} ${type}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
    const page = await send(`/conferences/${w.conference.slug}/manage/tickets`, {
      method: "POST",
      who: "organizer",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(page.status).toBe(415);
  }, 300_000);

  it("a broken multipart body is a 400 before any route reads it", async () => {
    const res = await send(`/conferences/${w.conference.slug}/manage/programme/speakers/${w.ids.speaker}`, {
      method: "POST",
      who: "organizer",
      headers: { "content-type": "multipart/form-data; boundary=XYZ" },
      body: '--XYZ\r\nContent-Disposition: form-data; name="nameLatin"\r\n\r\nhalf a part',
    });
    expect(res.status).toBe(400);
  });
});

describe("text fields", () => {
  it("a NUL byte in an anonymous sign-up is a 400 and creates nothing", async () => {
    const before = await db().user.count();
    const res = await send("/signup", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        email: "nul@concord.test",
        password: "a long enough password",
        nameLatin: "Nul\u0000Byte",
        locale: "en",
      }),
    });
    expect(res.status).toBe(400);
    expect(await db().user.count()).toBe(before);
  });

  it("other control characters in a text field are a field error in the visitor's language", async () => {
    const res = await send("/signup", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "zh" },
      body: new URLSearchParams({
        email: "bell@concord.test",
        password: "a long enough password",
        nameLatin: "Bell\u0007Ring",
        locale: "zh",
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("请删除文本中不可见的控制字符");
  });
});

describe("amounts beyond the column", () => {
  it("a ticket price or a bank payment of 30,000,000 is a field error, nothing stored", async () => {
    const tickets = await send(`/conferences/${w.conference.slug}/manage/tickets/${w.ids.ticket}`, {
      method: "POST",
      who: "organizer",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "ticket", nameEn: "Regular", price: "30000000", eligibility: "ANYONE", perPersonLimit: "1" }),
    });
    expect(tickets.status).toBe(400);
    const html = await tickets.text();
    expect(html.includes(en["reg.validation.amount"]) || html.includes(zh["reg.validation.amount"])).toBe(true);
    const ticket = await db().ticketType.findUniqueOrThrow({ where: { id: w.ids.ticket } });
    expect(ticket.priceCents).toBeLessThan(3_000_000_000);

    const paid = await send(`/conferences/${w.conference.slug}/manage/registrations/${w.ids.registration}`, {
      method: "POST",
      who: "organizer",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "mark-paid", amount: "30000000" }),
    });
    expect(paid.status).toBe(400);
  });
});
