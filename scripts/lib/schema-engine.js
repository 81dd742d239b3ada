// Prisma's schema engine, compiled to wasm, driven without the Prisma CLI so that
// migrations work offline (the CLI insists on downloading a native engine).
// See docs/decisions/002-offline-migrations.md. Tooling only: the app never loads this.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import { startPglite } from "./pglite.js";

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
/** A folder of .prisma files (Prisma's multi-file schema): one file per area. */
export const schemaDir = path.join(root, "prisma/schema");
export const migrationsDir = path.join(root, "prisma/migrations");

let wasmModule;
async function loadWasm() {
  if (wasmModule) return wasmModule;
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: "",
    set_message(m) {
      this.message = m;
    },
  };
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmFile = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmFile), { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  wasmModule = bg;
  return bg;
}

// PostgreSQL's internal "char" type (oid 18, used by pg_catalog) is unknown to
// @prisma/adapter-pg, which throws on it, so every introspection fails. In this
// tooling process only, we let the adapter read such columns as text and then
// report them to the engine as Character, which is what it expects.
const CHARACTER = ColumnTypeEnum.Character;
let charPatched = false;
function patchCharType(adapter) {
  if (charPatched) return;
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto || !Object.hasOwn(proto, "queryRaw")) throw new Error("adapter-pg internals changed: performIO/queryRaw not found");
  const performIO = proto.performIO;
  const queryRaw = proto.queryRaw;
  proto.performIO = async function (...args) {
    const result = await performIO.apply(this, args);
    const charColumns = [];
    (result.fields ?? []).forEach((field, i) => {
      if (field.dataTypeID === 18) {
        field.dataTypeID = 25;
        charColumns.push(i);
      }
    });
    this.__charColumns = charColumns;
    return result;
  };
  proto.queryRaw = async function (...args) {
    const result = await queryRaw.apply(this, args);
    for (const i of this.__charColumns ?? []) result.columnTypes[i] = CHARACTER;
    return result;
  };
  charPatched = true;
}

/**
 * A migration-aware adapter factory whose shadow database is a throw-away
 * in-memory PGlite. adapter-pg's own helper reuses the main database when given a
 * connection string, so we never let it run.
 */
function adapterFactory(url) {
  const main = new PrismaPg({ connectionString: url });
  const shadows = [];
  const factory = {
    provider: main.provider,
    adapterName: main.adapterName,
    async connect() {
      const adapter = await main.connect();
      patchCharType(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      const shadow = await startPglite({ dataDir: undefined });
      shadows.push(shadow);
      const adapter = await new PrismaPg({ connectionString: shadow.url }).connect();
      patchCharType(adapter);
      const dispose = adapter.dispose?.bind(adapter);
      adapter.dispose = async () => {
        await dispose?.();
        await shadow.stop();
      };
      return adapter;
    },
  };
  return { factory: bindMigrationAwareSqlAdapterFactory(factory), shadows };
}

export function readMigrations() {
  const dirs = fs.existsSync(migrationsDir)
    ? fs
        .readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok", value: fs.readFileSync(file, "utf8") }
            : { tag: "error", value: `${file} is missing` },
        },
      };
    }),
  };
}

export function schemaFiles() {
  return fs
    .readdirSync(schemaDir)
    .filter((f) => f.endsWith(".prisma"))
    .sort()
    .map((f) => ({ path: path.join(schemaDir, f), content: fs.readFileSync(path.join(schemaDir, f), "utf8") }));
}

const noFilter = { externalTables: [], externalEnums: [] };

/** Opens the wasm engine on the database at `url`. Call `close()` when done. */
export async function openEngine(url) {
  const bg = await loadWasm();
  const { factory, shadows } = adapterFactory(url);
  const logs = [];
  let engine;
  try {
    engine = await bg.SchemaEngine.new({ datamodels: schemaFiles().map((f) => [f.path, f.content]) }, (line) => logs.push(line), factory);
  } catch (error) {
    throw engineError(error);
  }
  const call = async (method, input) => {
    try {
      return await engine[method](input);
    } catch (error) {
      throw engineError(error);
    }
  };
  return {
    logs,
    apply: () => call("applyMigrations", { migrationsList: readMigrations(), filters: noFilter }),
    diagnose: () => call("diagnoseMigrationHistory", { migrationsList: readMigrations(), optInToShadowDatabase: false, filters: noFilter }),
    reset: () => call("reset", { filter: noFilter }),
    /** SQL from the live database (through the adapter) to the Prisma schema. */
    diffFromDatabase: () =>
      call("diff", {
        from: { tag: "schemaDatasource", files: schemaFiles(), configDir: root },
        to: { tag: "schemaDatamodel", files: schemaFiles() },
        script: true,
        exitCode: null,
        filters: noFilter,
      }),
    async close() {
      try {
        engine.free();
      } catch {}
      for (const s of shadows) await s.stop().catch(() => {});
    },
  };
}

function engineError(error) {
  const panic = globalThis.PRISMA_WASM_PANIC_REGISTRY?.message;
  const message = error?.message ?? String(error);
  const detail = error?.meta ? ` ${JSON.stringify(error.meta)}` : "";
  return new Error(`schema engine: ${panic || message}${detail}`, { cause: error });
}

/** Pending migration names, read directly from _prisma_migrations (cheap, no engine). */
export async function pendingMigrations(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query(`select to_regclass('_prisma_migrations') is not null as ok`);
    const applied = new Set();
    if (exists.rows[0].ok) {
      const rows = await client.query(
        `select migration_name from _prisma_migrations where finished_at is not null and rolled_back_at is null`,
      );
      for (const r of rows.rows) applied.add(r.migration_name);
    }
    return readMigrations()
      .migrationDirectories.map((d) => d.path)
      .filter((name) => !applied.has(name));
  } finally {
    await client.end();
  }
}
