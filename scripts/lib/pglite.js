// Embedded PostgreSQL: PGlite (Postgres compiled to wasm) served on a local TCP
// port, so that pg, @prisma/adapter-pg and the schema engine connect to it like to
// any server. Used by the app when DATABASE_URL is unset, by tests on machines
// without PostgreSQL, and as the migration tooling's shadow database.
import fs from "node:fs";
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ dataDir?: string, port?: number }} options dataDir undefined = in memory
 */
export async function startPglite({ dataDir, port } = {}) {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const listenPort = port ?? (await freePort());
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: listenPort, maxConnections: 100 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${listenPort}/postgres?sslmode=disable`,
    port: listenPort,
    db,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
