import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Two pages, two bundles: the guest kiosk stays small; the staff window carries desk and reports.
export default defineConfig({
  root: here("."),
  base: "/",
  plugins: [react()],
  build: {
    outDir: here("../dist/renderer"),
    emptyOutDir: true,
    target: "chrome140",
    sourcemap: true,
    rollupOptions: { input: { kiosk: here("kiosk.html"), staff: here("staff.html"), recovery: here("recovery.html") } },
  },
});
