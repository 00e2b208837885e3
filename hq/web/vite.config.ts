import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The head office's owner dashboard: one page, served by `npm run hq` from dist/hq-web.
export default defineConfig({
  root: here("."),
  base: "/",
  plugins: [react()],
  build: { outDir: here("../../dist/hq-web"), emptyOutDir: true, target: "chrome120", sourcemap: true },
});
