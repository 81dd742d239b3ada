import { z } from "zod";

// zod probes for eval (`new Function`) the first time a schema is built, to compile faster parsers.
// The Content-Security-Policy forbids eval, and browsers report even the caught probe as a violation,
// so in the browser zod runs without it. Imported first by app/root.tsx, before any schema is built.
if (typeof document !== "undefined") z.config({ jitless: true });
