/**
 * The migration folder names known at build time, so /readyz can tell whether
 * the database has them all without reading the file system at run time.
 */
const folders = import.meta.glob("../../prisma/migrations/*/migration.sql", { query: "?raw", import: "default" });

export function expectedMigrations(): string[] {
  return Object.keys(folders)
    .map((p) => p.split("/").at(-2) as string)
    .sort();
}
