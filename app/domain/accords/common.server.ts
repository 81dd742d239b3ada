import { randomUUID } from "node:crypto";
import { now } from "~/utils/clock.server";
import { localDayBounds } from "~/utils/zoned-time";
import type { Tx } from "~/utils/db.server";
import type { SessionUser } from "~/utils/session.server";
import { normalizeText, type CanonicalDocument, type ClauseSet } from "./canonical";

/** How a person is named in the record: Latin name plus native name when there is one. */
export function personName(user: { nameLatin: string; nameNative?: string | null }) {
  return user.nameNative ? `${user.nameLatin} (${user.nameNative})` : user.nameLatin;
}

export function actorOf(user: SessionUser) {
  return { actorId: user.id, actorName: personName(user) };
}

/** The clauses of one version as number → language → text. */
export async function clausesOf(tx: Tx, accordId: string, version: number): Promise<ClauseSet> {
  const row = await tx.accordVersion.findUnique({
    where: { accordId_number: { accordId, number: version } },
    select: { clauses: { select: { number: true, language: true, text: true }, orderBy: [{ number: "asc" }, { language: "asc" }] } },
  });
  return groupClauses(row?.clauses ?? []);
}

export function groupClauses(rows: { number: number; language: string; text: string }[]): ClauseSet {
  const byNumber = new Map<number, Record<string, string>>();
  for (const r of rows) {
    const text = byNumber.get(r.number) ?? {};
    text[r.language] = r.text;
    byNumber.set(r.number, text);
  }
  return [...byNumber.entries()].sort(([a], [b]) => a - b).map(([number, text]) => ({ number, text }));
}

/** Everything that goes into the canonical form of one version of the accord. */
export async function canonicalInputs(tx: Tx, accordId: string, version: number): Promise<CanonicalDocument> {
  const accord = await tx.accord.findUniqueOrThrow({
    where: { id: accordId },
    select: {
      id: true,
      kind: true,
      title: true,
      titleZh: true,
      languages: true,
      parties: {
        orderBy: { position: "asc" },
        select: {
          position: true,
          orgId: true,
          role: true,
          signingGroup: true,
          org: { select: { nameEn: true, nameNative: true, country: true } },
        },
      },
    },
  });
  return {
    accordId: accord.id,
    kind: accord.kind,
    version,
    languages: accord.languages,
    title: titleRecord(accord),
    parties: accord.parties.map((p) => ({
      position: p.position,
      orgId: p.orgId,
      name: p.org.nameEn,
      nameNative: p.org.nameNative,
      country: p.org.country,
      role: p.role,
      signingGroup: p.signingGroup,
    })),
    clauses: await clausesOf(tx, accordId, version),
  };
}

export function titleRecord(a: { title: string; titleZh: string | null; languages: string[] }): Record<string, string> {
  const t: Record<string, string> = { en: a.title };
  if (a.titleZh && a.languages.includes("zh")) t.zh = a.titleZh;
  return t;
}

/**
 * A clause as the drafting pages and operations see it: its identity (key,
 * the same in every version however it moves), its place (number, 1…n), its
 * text per language and the languages still to be brought in step with
 * another language's change. The canonical form hashes only number and text.
 */
export type KeyedClause = { key: string; number: number; text: Record<string, string>; outOfStep: string[] };

/** The clauses of one version with their identities, in order. */
export async function keyedClausesOf(tx: Tx, accordId: string, version: number): Promise<KeyedClause[]> {
  const row = await tx.accordVersion.findUnique({
    where: { accordId_number: { accordId, number: version } },
    select: {
      clauses: {
        select: { key: true, number: true, language: true, text: true, outOfStep: true },
        orderBy: [{ number: "asc" }, { language: "asc" }],
      },
    },
  });
  return groupKeyedClauses(row?.clauses ?? []);
}

export function groupKeyedClauses(
  rows: { key: string; number: number; language: string; text: string; outOfStep: boolean }[],
): KeyedClause[] {
  const byNumber = new Map<number, KeyedClause>();
  for (const r of rows) {
    let c = byNumber.get(r.number);
    if (!c) byNumber.set(r.number, (c = { key: r.key, number: r.number, text: {}, outOfStep: [] }));
    c.text[r.language] = r.text;
    if (r.outOfStep) c.outOfStep.push(r.language);
  }
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}

/** One clause as the editor sends it: its key (none for a new clause), its text per language, languages confirmed in step. */
export type ClauseInput = { key?: string; text: Record<string, string | undefined>; inStep?: string[] };

/**
 * The edited clause list as the next version: clauses without any text are
 * dropped, the rest numbered 1…n in the order given and normalized as they
 * will be hashed; languages outside the accord's are dropped. A clause keeps
 * its key when `previous` has it (once); any other gets a new key. A language
 * stays out of step while its text is unchanged and nobody confirmed it.
 */
export function tidyClauses(input: ClauseInput[], languages: string[], previous: KeyedClause[] = []): KeyedClause[] {
  const before = new Map(previous.map((c) => [c.key, c]));
  const used = new Set<string>();
  const out: KeyedClause[] = [];
  for (const c of input) {
    const text: Record<string, string> = {};
    for (const l of languages) text[l] = normalizeText(c.text[l] ?? "");
    if (!Object.values(text).some((t) => t !== "")) continue;
    const prev = c.key && !used.has(c.key) ? before.get(c.key) : undefined;
    const key = prev ? prev.key : randomUUID();
    used.add(key);
    const outOfStep = (prev?.outOfStep ?? []).filter((l) => languages.includes(l) && prev!.text[l] === text[l] && !c.inStep?.includes(l));
    out.push({ key, number: out.length + 1, text, outOfStep });
  }
  return out;
}

/** Writes one version's clause rows. */
export async function writeVersion(
  tx: Tx,
  v: {
    accordId: string;
    number: number;
    authorId: string | null;
    authorName: string;
    note: string;
    contentHash: string;
    clauses: KeyedClause[];
  },
) {
  const version = await tx.accordVersion.create({
    data: {
      accordId: v.accordId,
      number: v.number,
      authorId: v.authorId,
      authorName: v.authorName,
      note: v.note,
      contentHash: v.contentHash,
      createdAt: now(),
    },
    select: { id: true },
  });
  const rows = v.clauses.flatMap((c) =>
    Object.entries(c.text).map(([language, text]) => ({
      versionId: version.id,
      number: c.number,
      language,
      text,
      key: c.key,
      outOfStep: c.outOfStep.includes(language),
    })),
  );
  if (rows.length) await tx.accordClause.createMany({ data: rows });
  return version;
}

/** The time zone an accord's days are named in: its conference's venue, else UTC. */
export async function accordTimeZone(tx: Tx, accordId: string): Promise<string> {
  const a = await tx.accord.findUnique({ where: { id: accordId }, select: { conference: { select: { timeZone: true } } } });
  return a?.conference?.timeZone ?? "UTC";
}

/**
 * The instant a signing period that ends on `day` (YYYY-MM-DD) closes: the end
 * of that calendar day in the accord's zone, so "2027-01-31" in Beijing closes
 * at midnight Beijing time, not at midnight UTC (8 hours later).
 */
export function signingPeriodEnd(day: string, zone: string): Date {
  return localDayBounds(day, zone).end;
}
