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

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/**
 * PGlite does not lock its data folder: two processes opening it (the demo running while someone types
 * `npm run db:migrate`) each work on their own copy in memory and the last to write wins, silently. A lock
 * file beside the folder, holding the owner's pid, makes the second process stop with a clear message; a lock
 * left by a process that no longer runs is taken over.
 */
function lockDataDir(dataDir) {
  const lockFile = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, "wx");
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(lockFile, { force: true });
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(lockFile, "utf8"));
      if (owner && owner !== process.pid && processAlive(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${owner} (is Concord running?). ` +
            `Stop that process first, or set DATABASE_URL to use a PostgreSQL server.`,
        );
      }
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir} (${lockFile}).`);
}

/**
 * @param {{ dataDir?: string, port?: number }} options dataDir undefined = in memory
 */
export async function startPglite({ dataDir, port } = {}) {
  let unlock = () => {};
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const db = await PGlite.create(dataDir ? { dataDir } : {}).catch((error) => {
    unlock();
    throw error;
  });
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
      unlock();
    },
  };
}
