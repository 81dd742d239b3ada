export const CACHED_PAGES: RegExp[];
type Handler = (request: Request, ...rest: unknown[]) => Promise<Response>;
export function pageCache(options: {
  ttlMs: number;
  paths?: RegExp[];
  maxEntries?: number;
}): (handler: Handler) => Handler & { stats: { hits: number; misses: number; stale: number; shared: number }; clear(): void };
