import { describe, expect, it } from "vitest";
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
