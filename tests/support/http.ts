// Calls route modules the way Remix does (loader/action with a Request), and
// reads back the status whether the route returned or threw a Response.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
};

/**
 * `escaped` marks an AppError the route let escape instead of answering with a Response: Remix answers
 * those with a 500 (only orRespond/runForm turn them into responses), so tests that care about what a
 * visitor sees must refuse it (the permissions table does).
 */
export type CallResult = { status: number; headers: Headers; data: unknown; location: string | null; escaped?: boolean };

function isDataWithResponseInit(v: unknown): v is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof v === "object" && v !== null && (v as { type?: string }).type === "DataWithResponseInit";
}

async function settle(run: () => unknown): Promise<CallResult> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
    if (!(thrown instanceof Response) && !isDataWithResponseInit(thrown)) {
      // AppErrors thrown by guards outside orRespond are still mapped here the way the app maps them.
      const err = thrown as { status?: number; code?: string };
      if (typeof err?.status === "number" && typeof err?.code === "string") {
        return { status: err.status, headers: new Headers(), data: err, location: null, escaped: true };
      }
      throw thrown;
    }
  }
  if (value instanceof Response) {
    const text = await value.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {}
    return { status: value.status, headers: value.headers, data, location: value.headers.get("Location") };
  }
  if (isDataWithResponseInit(value)) {
    const headers = new Headers(value.init?.headers);
    return { status: value.init?.status ?? 200, headers, data: value.data, location: headers.get("Location") };
  }
  return { status: 200, headers: new Headers(), data: value, location: null };
}

export type CallOptions = {
  path: string;
  params?: Record<string, string>;
  cookie?: string | null;
  form?: Record<string, string | string[] | File>;
  method?: string;
  headers?: Record<string, string>;
};

export function makeRequest({ path, cookie, form, method, headers }: CallOptions) {
  const h = new Headers(headers);
  if (cookie) h.set("Cookie", cookie);
  h.set("x-concord-client-ip", headers?.["x-concord-client-ip"] ?? "203.0.113.7");
  let body: FormData | undefined;
  if (form) {
    body = new FormData();
    for (const [k, v] of Object.entries(form)) {
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
  }
  return new Request(`http://localhost:3000${path}`, { method: method ?? (form ? "POST" : "GET"), headers: h, body });
}

export function callAction(mod: RouteModule, opts: CallOptions) {
  if (!mod.action) throw new Error(`route for ${opts.path} has no action`);
  const request = makeRequest({ ...opts, form: opts.form ?? {} });
  return settle(() => mod.action!({ request, params: opts.params ?? {}, context: {} }));
}

export function callLoader(mod: RouteModule, opts: CallOptions) {
  if (!mod.loader) throw new Error(`route for ${opts.path} has no loader`);
  const request = makeRequest({ ...opts, form: undefined, method: "GET" });
  return settle(() => mod.loader!({ request, params: opts.params ?? {}, context: {} }));
}

/** Joins cookies from Set-Cookie headers into a Cookie header value. */
export function cookiesFrom(headers: Headers, previous = ""): string {
  const jar = new Map(previous ? previous.split("; ").map((c) => c.split("=", 2) as [string, string]) : []);
  for (const set of headers.getSetCookie()) {
    const [pair] = set.split(";");
    const [name, value] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
    if (/max-age=0/i.test(set) || value === "") jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}
