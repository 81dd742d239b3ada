// Fixtures of the registration tests: a published conference with quotas and
// ticket types, and a real HTTP server around route modules for race tests.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "~/utils/db.server";
import { daysFromToday, makeConference, makeOrg, makeUser } from "../support/world";

export async function makeTicketing(
  opts: { capacity?: number; priceCents?: number; tickets?: number; status?: "PUBLISHED" | "DRAFT"; startDate?: Date; endDate?: Date } = {},
) {
  const org = await makeOrg();
  // Two months ahead by default: registration closes when a conference is over (decision 062).
  const conference = await makeConference(org.id, {
    status: opts.status ?? "PUBLISHED",
    startDate: opts.startDate ?? daysFromToday(60),
    endDate: opts.endDate ?? daysFromToday(61),
  });
  const quota = await db().quota.create({ data: { conferenceId: conference.id, name: "Main hall", capacity: opts.capacity ?? 100 } });
  const ticket = await db().ticketType.create({
    data: {
      conferenceId: conference.id,
      nameEn: "Regular",
      nameZh: "普通票",
      priceCents: opts.priceCents ?? 0,
      currency: "CNY",
      quotas: { create: [{ quotaId: quota.id }] },
    },
  });
  return { org, conference, quota, ticket, slug: conference.slug };
}

export async function makeUsers(n: number) {
  const users = [];
  // In batches: argon2 is cached by makeUser, but sessions and users are rows.
  for (let i = 0; i < n; i += 25) users.push(...(await Promise.all(Array.from({ length: Math.min(25, n - i) }, () => makeUser()))));
  return users;
}

type RouteModule = { action?: (args: never) => unknown; loader?: (args: never) => unknown };

function isData(v: unknown): v is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof v === "object" && v !== null && (v as { type?: string }).type === "DataWithResponseInit";
}

/**
 * A real node:http server that turns each incoming request into a web Request,
 * calls the route module's action (POST) or loader (GET) the way Remix does,
 * and writes the result back: concurrency comes from real sockets, not from
 * calling functions in a loop.
 */
export async function serveRoutes(
  routes: { pattern: RegExp; module: RouteModule; params: (m: RegExpMatchArray) => Record<string, string> }[],
) {
  const server = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const url = `http://localhost:3000${req.url}`;
      const route = routes.find((r) => r.pattern.test(new URL(url).pathname));
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      headers.set("x-concord-client-ip", req.socket.remoteAddress ?? "unknown");
      const request = new Request(url, { method: req.method, headers, body: req.method === "GET" ? undefined : Buffer.concat(chunks) });
      const params = route.params(new URL(url).pathname.match(route.pattern)!);
      const fn = (req.method === "GET" ? route.module.loader : route.module.action) as (a: unknown) => unknown;
      let value: unknown;
      try {
        value = await fn({ request, params, context: {} });
      } catch (thrown) {
        value = thrown;
      }
      if (value instanceof Response) {
        res.writeHead(value.status, Object.fromEntries(value.headers));
        res.end(Buffer.from(await value.arrayBuffer()));
      } else if (isData(value)) {
        res.writeHead(value.init?.status ?? 200, { "content-type": "application/json" });
        res.end(JSON.stringify(value.data));
      } else if (value instanceof Error) {
        const status = (value as { status?: number }).status ?? 500;
        res.writeHead(status, { "content-type": "text/plain" }).end(value.message);
      } else {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value ?? null));
      }
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** POSTs a urlencoded form with a cookie; resolves to the status. */
export async function postForm(url: string, cookie: string, form: Record<string, string>) {
  const res = await fetch(url, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
  const body = await res.text();
  if (res.status >= 500) console.error(`[postForm] ${res.status}: ${body.slice(0, 300)}`);
  return res.status;
}
