// README's "Where things are" is what a newcomer reads before opening a file, so it must match the
// tree: every folder it names exists, and every folder of the layers is named in it.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const LAYERS = ["contract", "db", "electron", "renderer", "hq", "e2e", "bench", "build", "scripts"];

/** The map's left column: each line's folders ("db/demo/, db/test/" names two). */
function foldersInMap(): string[] {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.split("### Where things are")[1];
  if (section === undefined) throw new Error('README.md has no "### Where things are" section');
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('README.md\'s "Where things are" has no map in a code block');
  return block
    .split("\n")
    .filter((line) => line.trim() !== "")
    .flatMap((line) => (line.split(/ {2,}/)[0] ?? "").split(", ").map((folder) => folder.trim()));
}

/** The layers' first-level folders that git tracks (db/kiosk/, electron/ipc/, …). */
function trackedFolders(): string[] {
  const files = execFileSync("git", ["ls-files", ...LAYERS], { cwd: root, encoding: "utf8" }).split("\n");
  const folders = files.flatMap((file) => {
    const parts = file.split("/");
    return parts.length > 2 ? [`${parts[0]}/${parts[1]}/`] : [];
  });
  return [...new Set(folders)].sort();
}

describe("README's map of the tree", () => {
  it("names only folders that exist", () => {
    const missing = foldersInMap().filter((folder) => !existsSync(path.join(root, folder)));
    expect(missing, "folders README's map names that are not in the tree").toEqual([]);
  });

  it("names every first-level folder of the layers", () => {
    const named = new Set(foldersInMap());
    const unnamed = trackedFolders().filter((folder) => !named.has(folder));
    expect(unnamed, "folders missing from README's map (add a line for each)").toEqual([]);
  });
});
