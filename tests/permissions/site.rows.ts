import * as devMail from "~/routes/site/dev-mail";
import * as devMailMessage from "~/routes/site/dev-mail-message";
import { resetEnvCache } from "~/utils/env.server";
import type { PermissionRow, RouteModule } from "./types";

/**
 * The route as a production deployment serves it: NODE_ENV=production with mail stored only (a valid
 * production setting without SMTP). The development mailbox must not exist there, for anyone.
 */
function inProduction(route: RouteModule & { loader: (...args: never[]) => unknown }): RouteModule {
  return {
    loader: async (...args: never[]) => {
      const saved = { NODE_ENV: process.env.NODE_ENV, MAIL_STORE_ONLY: process.env.MAIL_STORE_ONLY };
      Object.assign(process.env, { NODE_ENV: "production", MAIL_STORE_ONLY: "1" });
      resetEnvCache();
      try {
        return await route.loader(...args);
      } finally {
        for (const [name, value] of Object.entries(saved)) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
        resetEnvCache();
      }
    },
  };
}

export const rows: PermissionRow[] = [
  {
    name: "GET /dev/mail in production mode (the development mailbox)",
    route: inProduction(devMail),
    kind: "loader",
    request: () => ({ path: "/dev/mail" }),
    allowed: [],
    deniedAs: [404],
  },
  {
    name: "GET /dev/mail/:id in production mode",
    route: inProduction(devMailMessage),
    kind: "loader",
    request: () => ({ path: "/dev/mail/x", params: { id: "x" } }),
    allowed: [],
    deniedAs: [404],
  },
];
