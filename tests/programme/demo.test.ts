import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { seedProgrammeDemo } from "~/demo/programme.server";
import * as programmePage from "~/routes/programme/programme";
import { callLoader } from "../support/http";
import { organizerWorld } from "./support";
import { type PackedRows, unpackRows } from "~/components/programme-list";

describe("programme demo data", () => {
  it("seeds a conflict-free Beijing programme once, shown in Beijing time", async () => {
    const { conference } = await organizerWorld();
    await seedProgrammeDemo({ conferenceId: conference.id });
    await seedProgrammeDemo({ conferenceId: conference.id });
    const page = await callLoader(programmePage, { path: `/conferences/${conference.slug}/programme`, params: { slug: conference.slug } });
    const rows = unpackRows((page.data as { list: PackedRows }).list);
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatchObject({ title: "Opening ceremony and address by the Minister of Education", start: "09:00" });
  });
});

describe("the demo reads in Chinese", () => {
  // A newcomer who switches to 中文 must not meet English descriptions on the demo's public pages: every
  // English text of the demo that the pages show has its Chinese version (the pages pick by language).
  const chinese = /[\u4e00-\u9fff]/;

  it("speakers' biographies, sessions' abstracts and ticket descriptions have Chinese versions", async () => {
    const { seedRegistrationDemo } = await import("~/demo/registration.server");
    const speakerPage = await import("~/routes/programme/speaker");
    const { conference } = await organizerWorld();
    await seedProgrammeDemo({ conferenceId: conference.id });
    await seedRegistrationDemo({ conferenceId: conference.id, edition: { kind: "past" } });

    const speakers = await db().speaker.findMany({ where: { conferenceId: conference.id } });
    const sessions = await db().programmeSession.findMany({ where: { conferenceId: conference.id } });
    const tickets = await db().ticketType.findMany({ where: { conferenceId: conference.id } });
    expect(speakers.length).toBeGreaterThan(0);
    const untranslated = [
      ...speakers.filter((s) => s.bio && !chinese.test(s.bioZh ?? "")).map((s) => `speaker ${s.nameLatin}`),
      ...sessions.filter((s) => s.abstract && !chinese.test(s.abstractZh ?? "")).map((s) => `session ${s.title}`),
      ...tickets.filter((t) => t.descriptionEn && !chinese.test(t.descriptionZh ?? "")).map((t) => `ticket ${t.nameEn}`),
    ];
    expect(untranslated).toEqual([]);

    // And a speaker's page, read in Chinese, shows the Chinese biography.
    const wanjiru = speakers.find((s) => s.nameLatin === "Amina Wanjiru")!;
    const page = await callLoader(speakerPage, {
      path: `/conferences/${conference.slug}/speakers/${wanjiru.id}`,
      params: { slug: conference.slug, id: wanjiru.id },
      headers: { "accept-language": "zh-CN" },
    });
    expect((page.data as { speaker: { bio: string } }).speaker.bio).toBe(wanjiru.bioZh);
  });
});
