#!/usr/bin/env node
// `npm run dev`: the development server. Vite serves the browser code with hot module replacement and
// compiles the server code on request (Remix's documented custom-server setup: Vite in middleware
// mode, the build loaded through `ssrLoadModule`), behind the same HTTP layer and start-up as
// `npm start` (server/http.js, server/prepare.js). Edits to app/ show without a restart.
import { createServer } from "vite";
import { createApp } from "./http.js";
import { prepare } from "./prepare.js";

process.env.NODE_ENV ??= "development";
const vite = await createServer({ server: { middlewareMode: true } });
const loadBuild = () => vite.ssrLoadModule("virtual:remix/server-build");
const runtime = (await loadBuild()).entry.module;
const log = runtime.logger();
const die = (message) => {
  log.fatal(message);
  process.exit(1);
};

const { config, database } = await prepare({ runtime, log, die });
const jobs = config.CONCORD_WORKER !== "0" ? runtime.startBackground() : null;
const app = createApp({ build: loadBuild, buildDir: null, runtime, assets: vite.middlewares });
const server = app.listen(config.PORT, config.HOST, () => log.info(`Concord (development, hot reload) is ready at ${config.APP_URL}`));

const stop = async () => {
  server.close();
  server.closeAllConnections();
  await jobs?.stop().catch(() => {});
  await runtime.disconnectDb().catch(() => {});
  await vite.close();
  await database.stop().catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
