import { ESLint } from "eslint";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");

describe("one way to open a database", () => {
  it("lint refuses `new Database(` and better-sqlite3's default import outside db/open.ts", async () => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText(
      'import Database from "better-sqlite3";\nconst a = new Database("x.sqlite3");\nconst b = new Database.default("y.sqlite3");\nexport { a, b };\n',
      {
        filePath: path.join(root, "scripts", "opens-its-own.mjs"),
      },
    );
    const rules = (result?.messages ?? []).map((m) => m.ruleId);
    expect(rules.filter((r) => r === "no-restricted-syntax")).toHaveLength(2);
    expect(rules).toContain("no-restricted-imports");
  });

  it("type-only imports of better-sqlite3 stay allowed", async () => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText(
      'import { connect } from "../db/open.ts";\nexport const open = (f) => connect(f);\n',
      {
        filePath: path.join(root, "scripts", "opens-right.mjs"),
      },
    );
    expect(result?.messages ?? []).toEqual([]);
  });
});
