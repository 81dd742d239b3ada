// The time operations record. Normally the wall clock; inside `atTime(t, fn)`
// it is `t`, so the demo can replay the 2025 ceremony with the dates it had
// (signatures, seal and PDF dated 27 September 2025) through the same domain
// operations a user's request runs. The fixed time is scoped to that async
// call chain (AsyncLocalStorage), so it can never leak into a request.
import { AsyncLocalStorage } from "node:async_hooks";

const fixed = new AsyncLocalStorage<Date>();

/** The current time (a fresh Date each call). */
export function now(): Date {
  const t = fixed.getStore();
  return new Date(t ? t.getTime() : Date.now());
}

/** Runs `fn` with the clock reading `at`. */
export function atTime<T>(at: Date, fn: () => Promise<T>): Promise<T> {
  return fixed.run(at, fn);
}
