import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

/**
 * The fuse settings checked against the schema electron-builder itself validates configs with
 * (app-builder-lib's scheme.json): a misspelt key would otherwise only fail at `npm run dist`.
 */
const require = createRequire(__filename);
const config = require("./electron-builder.config.cjs") as Record<string, unknown> & {
  electronFuses: Record<string, unknown>;
};
interface JsonSchema {
  properties: Record<string, { type?: string; anyOf?: unknown[] }>;
  additionalProperties?: boolean;
}
const scheme = JSON.parse(readFileSync(require.resolve("app-builder-lib/scheme.json"), "utf8")) as {
  definitions: Record<string, JsonSchema>;
  properties: Record<string, unknown>;
};
const builderVersion = (require("app-builder-lib/package.json") as { version: string }).version;

describe(`Electron fuses against electron-builder ${builderVersion}'s schema`, () => {
  it("uses only fuse names the schema knows, each a boolean", () => {
    const fuses = scheme.definitions.FuseOptionsV1!;
    expect(fuses.additionalProperties).toBe(false);
    for (const [key, value] of Object.entries(config.electronFuses)) {
      expect(Object.keys(fuses.properties), key).toContain(key);
      expect(fuses.properties[key]?.type).toBe("boolean");
      expect(typeof value).toBe("boolean");
    }
  });

  it("sets every security fuse the issue asks for, and only known top-level options", () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
    for (const key of Object.keys(config)) expect(Object.keys(scheme.properties), key).toContain(key);
  });
});
