import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  server: { port: 3000 },
  build: { target: "es2022" },
  // argon2's optional wasm fallback is not installed (native binding is used); keep Vite's dev pre-bundler away from it.
  optimizeDeps: { exclude: ["@node-rs/argon2"] },
  ssr: {
    // Native and wasm packages stay outside the server bundle.
    external: ["@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "nodemailer"],
  },
  plugins: [
    tailwindcss(),
    remix({
      // Separate build folders let several people build and run browser tests side by side.
      buildDirectory: process.env.CONCORD_BUILD_DIR ?? "build",
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: false,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
});
