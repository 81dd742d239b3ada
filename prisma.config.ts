import { defineConfig } from "prisma/config";

// Used by the Prisma CLI (`prisma generate` through scripts/prisma-generate.js).
// The app itself reads DATABASE_URL in app/utils/env.server.ts.
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://127.0.0.1:5432/concord" },
});
