import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CSP } from "../contract/csp";
import { serveStatic } from "./static";

describe("serving the renderer", () => {
  const root = mkdtempSync(path.join(tmpdir(), "happyhead-static-"));
  mkdirSync(path.join(root, "assets"));
  writeFileSync(path.join(root, "kiosk.html"), "<!doctype html>");
  writeFileSync(path.join(root, "assets", "a.js"), "1");

  it("serves files with a strict CSP and the right type", async () => {
    const res = await serveStatic(root, "/assets/a.js");
    expect(res.status).toBe(200);
    expect(res.headers["Content-Type"]).toMatch(/javascript/);
    expect(res.headers["Content-Security-Policy"]).toBe(CSP);
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/unsafe-(inline|eval)/);
  });

  it("never serves anything outside the renderer folder", async () => {
    for (const p of ["/../package.json", "/%2e%2e/%2e%2e/etc/passwd", "/assets/../../x", "/%E0%A4%A"]) {
      expect((await serveStatic(root, p)).status).not.toBe(200);
    }
  });
});
