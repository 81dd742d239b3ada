export function embeddedDataDir(dataDir: string): string;
export function resolveDatabase(settings: { url?: string; dataDir: string; port?: number; log: (line: string) => void }): Promise<{
  url: string;
  kind: "embedded" | "external";
  stop(): Promise<void>;
}>;
