// The frab/c3voc exports are read by other people's programs (Giggity, EventFahrplan, the VOC recording
// pipeline): they must validate against the schemas those programs are written to, not only against our
// own idea of them. The validators are copied from the c3voc schedule project into tests/fixtures/validators.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { DEMO_CONFERENCE_SLUG } from "~/demo/facts";
import { seedDemo } from "~/demo/seed.server";
import * as json from "~/routes/programme/schedule-json";
import * as xml from "~/routes/programme/schedule-xml";
import { db } from "~/utils/db.server";
import { callLoader } from "../support/http";
import { makeRoom, makeSession, makeSpeaker, organizerWorld } from "./support";

const validators = join(import.meta.dirname, "../fixtures/validators");

function jsonValidator() {
  // The schema is draft-06 and uses a few annotation keywords of its own ($oneOf, $todo): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(createRequire(import.meta.url)("ajv/dist/refs/json-schema-draft-06.json"));
  addFormats(ajv);
  // "color" is no standard format; the schema means a CSS hex colour.
  ajv.addFormat("color", /^#[0-9a-fA-F]{6}$/);
  return ajv.compile(JSON.parse(readFileSync(join(validators, "c3voc-schedule.schema.json"), "utf8")));
}

/** xmllint's verdict on a document: "" when it validates, its complaints otherwise. */
function xsdErrors(document: string) {
  const dir = mkdtempSync(join(tmpdir(), "concord-xsd-"));
  try {
    const file = join(dir, "schedule.xml");
    writeFileSync(file, document);
    execFileSync("xmllint", ["--noout", "--schema", join(validators, "frab-schedule.xml.xsd"), file], { stdio: "pipe" });
    return "";
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A programme with what tends to break exports: CJK and markup in texts, a track colour, a break with and without a room, several days. */
async function realisticProgramme(slug?: string) {
  const world = await organizerWorld();
  const conference = slug ? await db().conference.update({ where: { id: world.conference.id }, data: { slug } }) : world.conference;
  const hall = await makeRoom(conference.id, 'Main hall <A> & "B"');
  const side = await makeRoom(conference.id, "会议室 2", null);
  const track = await db().track.create({ data: { conferenceId: conference.id, name: "Trade & Law", colour: "#1f6feb" } });
  const speaker = await makeSpeaker(conference.id, "Chen Hua");
  const other = await makeSpeaker(conference.id, "Margaret O'Hughes");
  await makeSession(conference.id, {
    title: "Opening <keynote> & welcome",
    roomId: hall.id,
    trackId: track.id,
    speakerIds: [speaker.id, other.id],
    start: "2025-09-27T09:00",
    end: "2025-09-27T10:30",
  });
  await makeSession(conference.id, {
    title: "工作坊",
    kind: "WORKSHOP",
    roomId: side.id,
    start: "2025-09-28T14:00",
    end: "2025-09-28T16:00",
  });
  await db().programmeSession.updateMany({ where: { conferenceId: conference.id, title: "工作坊" }, data: { titleZh: "工作坊：条约" } });
  const lunch = await makeSession(conference.id, { title: "Lunch", start: "2025-09-27T12:00", end: "2025-09-27T13:00" });
  await db().programmeSession.update({ where: { id: lunch.id }, data: { kind: "BREAK" } });
  const coffee = await makeSession(conference.id, { title: "Coffee", roomId: hall.id, start: "2025-09-28T10:30", end: "2025-09-28T10:45" });
  await db().programmeSession.update({ where: { id: coffee.id }, data: { kind: "BREAK" } });
  return conference;
}

async function exportsOf(slug: string) {
  const j = (await callLoader(json, { path: "/x", params: { slug } })).data as { schedule: { conference: { acronym: string } } };
  const x = (await callLoader(xml, { path: "/x", params: { slug } })).data as string;
  return { j, x };
}

describe("the schedule exports validate against the c3voc schema and the frab XSD", () => {
  const validate = jsonValidator();

  it("a realistic programme validates as JSON and as XML", async () => {
    const conference = await realisticProgramme();
    const { j, x } = await exportsOf(conference.slug);
    expect(validate(j), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(xsdErrors(x)).toBe("");
    // The room-less break is not put in a room with an empty name; the one with a room is exported.
    expect(x).not.toContain('<room name="">');
    expect(x).not.toContain("Lunch");
    expect(x).toContain("<title>Coffee</title>");
    expect(x).toContain('<track name="Trade &amp; Law" color="#1f6feb"');
  });

  it("the demo conference's exports validate (the data people see first)", async () => {
    await seedDemo();
    const { j, x } = await exportsOf(DEMO_CONFERENCE_SLUG);
    expect(j.schedule.conference.acronym).toBe("icete_2025");
    expect(validate(j), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(xsdErrors(x)).toBe("");
    expect(x.match(/<event /g)?.length).toBeGreaterThan(3);
  });

  it.each([
    ["beijing-2025", "beijing_2025"],
    ["ab", "ab__"],
    ["concord", "concord"],
  ])("conference %s is exported with an acronym the schema accepts (%s)", async (slug, acronym) => {
    const conference = await realisticProgramme(slug);
    const { j, x } = await exportsOf(conference.slug);
    expect(j.schedule.conference.acronym).toBe(acronym);
    expect(validate(j), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(xsdErrors(x)).toBe("");
  });

  it("the validators can fail: a slug as acronym, a misspelt element, an acronym with a space", async () => {
    const conference = await realisticProgramme("beijing-2026");
    const { j, x } = await exportsOf(conference.slug);
    expect(validate(j)).toBe(true);
    j.schedule.conference.acronym = "beijing-2025";
    expect(validate(j)).toBe(false);
    expect(xsdErrors(x.replace("<version>", "<versio>"))).not.toBe("");
    expect(xsdErrors(x.replace(/<acronym>[^<]*<\/acronym>/, "<acronym>b j</acronym>"))).toContain("acronym");
  });
});
