import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What belongs to the one request being answered: its id (for log lines) and facts that several of
 * its loaders read. server/http.js opens a scope per request (`runWithRequestId`); code outside a
 * request (tests calling a loader, background jobs) finds none.
 *
 * Remix hands each loader of a page its own copy of the Request, so a cache keyed by the Request
 * object (a WeakMap) is never shared by the root, the layouts and the page: `sharedInRequest` is.
 */
type RequestScope = { requestId: string; shared?: Map<string, unknown> };
const scope = new AsyncLocalStorage<RequestScope>();

export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return scope.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

/**
 * The value `compute` gave for `key` earlier in this request, else computes it (and keeps it for the
 * rest of the request). Outside a request it computes every time. Keys name what they hold and
 * everything it depends on (e.g. the session cookie), since they are shared by the whole request.
 */
export function sharedInRequest<T>(key: string, compute: () => T): T {
  const current = scope.getStore();
  if (!current) return compute();
  current.shared ??= new Map();
  if (current.shared.has(key)) return current.shared.get(key) as T;
  const value = compute();
  current.shared.set(key, value);
  return value;
}
