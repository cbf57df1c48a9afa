import { defineConfig } from "vite";

// base "./": every asset URL is relative, so the same build works at "/" and behind a reverse proxy on a
// sub-path such as "/cordouan/" (the SPA uses hash routing, so the server never sees app routes).
// `npm run dev` serves the app with hot reload and forwards the API (and console websockets) to a running
// cordouand: CORDOUAN_API=https://127.0.0.1:8006 by default (its self-signed certificate is accepted).
const api = process.env.CORDOUAN_API ?? "https://127.0.0.1:8006";

export default defineConfig({
  base: "./",
  server: {
    proxy: { "/api2": { target: api, secure: false, ws: true, changeOrigin: true } },
  },
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  // noVNC uses top-level await (its H.264 probe): needs an ES2022 target, which every supported browser has.
  optimizeDeps: { esbuildOptions: { target: "es2022" } },
  build: {
    target: "es2022",
    outDir: "dist",
    assetsDir: "assets",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
});
