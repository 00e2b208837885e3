import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
/** Asks scripts/node-tool.mjs, as the scripts do, for the commands they run. */
function commands(): Record<string, [string, string[]]> {
  const code = `import("./scripts/node-tool.mjs").then((t) => console.log(JSON.stringify({
    eslint: t.toolCommand("eslint"), vitest: t.toolCommand("vitest"), playwright: t.toolCommand("@playwright/test", "playwright"),
    nodeGyp: t.toolCommand("node-gyp"), prebuild: t.toolCommand("prebuild-install"), npm: t.npmCommand(["run", "build"]) })))`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, [string, string[]]>;
}

describe("the scripts run their tools the same way on Windows (no .cmd shim, no shell)", () => {
  it("every tool is Node's own executable with the tool's JavaScript entry point", () => {
    for (const [name, [cmd, args]] of Object.entries(commands())) {
      expect(cmd, name).toBe(process.execPath);
      expect(args[0], name).toMatch(/\.(c|m)?js$/);
      expect(existsSync(args[0]!), name).toBe(true);
    }
  });

  it("no script spawns npm, npx, a node_modules/.bin shim or another bare command", () => {
    for (const file of readdirSync(path.join(root, "scripts")).filter((f) => f.endsWith(".mjs"))) {
      const src = readFileSync(path.join(root, "scripts", file), "utf8");
      expect(src, file).not.toMatch(
        /(spawn|spawnSync|execFileSync|execSync|exec)\(\s*"(npm|npx|node-gyp|prebuild-install)"/,
      );
      expect(src, file).not.toMatch(/node_modules["', /\\]+\.bin/);
    }
  });
});
