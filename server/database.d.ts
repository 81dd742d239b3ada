export function embeddedDataDir(): string;
export function resolveDatabase(options?: { log?: (line: string) => void }): Promise<{
  url: string;
  kind: "embedded" | "external";
  stop(): Promise<void>;
}>;
