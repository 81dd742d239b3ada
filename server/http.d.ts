import type { RequestHandler, Express } from "express";
export const MAX_BODY_BYTES: number;
export const CACHED_PAGES: RegExp[];
export function microCache(options?: { ttlMs?: number; paths: RegExp[]; maxEntries?: number }): RequestHandler & {
  stats: { hits: number; misses: number };
  clear(): void;
};
export function createApp(options: { build: unknown; buildDir: string }): Express;
