import type { Express, RequestHandler } from "express";
export function createApp(options: {
  build: unknown;
  buildDir: string | null;
  runtime: unknown;
  lifecycle?: { draining: boolean };
  assets?: RequestHandler;
  metricsText?: () => Promise<{ contentType: string; text: string }>;
}): Express;
