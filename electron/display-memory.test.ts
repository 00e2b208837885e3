import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { readKioskDisplay, saveKioskDisplay } from "./display-memory";

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

it("remembers the kiosk's display id across restarts and ignores a missing or foreign file", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "happyhead-display-"));
  dirs.push(dir);
  const file = path.join(dir, "profile", "kiosk-display.json");
  expect(readKioskDisplay(file)).toBeNull();
  saveKioskDisplay(file, 2779098405);
  expect(readKioskDisplay(file)).toBe(2779098405);
  writeFileSync(file, JSON.stringify({ kioskDisplayId: "two" }));
  expect(readKioskDisplay(file)).toBeNull();
  writeFileSync(file, "{not json");
  expect(readKioskDisplay(file)).toBeNull();
});
