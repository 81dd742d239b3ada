import type { Tx } from "~/utils/db.server";

/** Lower-case ASCII words joined by hyphens; "" when nothing Latin is left (e.g. a Chinese-only name). */
export function slugify(text: string, max = 60) {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/g, "");
}

/**
 * A readable slug not yet used by any organization (or conference): the name
 * itself, else the name with -2, -3… Slugs never change after creation, so
 * links keep working when a name is edited. The unique index still guards
 * against two creations racing for the same slug.
 */
export async function uniqueSlug(tx: Tx, table: "organization" | "conference", text: string, fallback: string) {
  const base = slugify(text) || fallback;
  const where = { slug: { startsWith: base } };
  const select = { slug: true } as const;
  const rows =
    table === "organization" ? await tx.organization.findMany({ where, select }) : await tx.conference.findMany({ where, select });
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
