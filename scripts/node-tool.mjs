// Runs the project's tools the same way on Windows, macOS and Linux: Node's own executable with
// the tool's JavaScript entry point. The shims npm installs for tools are sh scripts and .cmd files, and Node
// (since 20.12 / 18.20.2) refuses to start a .cmd without a shell, so starting npm or npx by name
// fails on Windows; `process.execPath` + a .js file never does.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** [command, args] for a package's bin (the package's own name unless `bin` says otherwise). */
export function toolCommand(pkg, bin = pkg.split("/").pop(), args = []) {
  const dir = path.join(root, "node_modules", pkg);
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  const entry = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[bin];
  if (!entry) throw new Error(`${pkg} has no "${bin}" command.`);
  return [process.execPath, [path.join(dir, entry), ...args]];
}

/**
 * [command, args] for npm: the npm-cli.js that runs this script (`npm_execpath`, set by `npm run`),
 * else the one installed beside Node (Windows: <node dir>\node_modules\npm; elsewhere:
 * <prefix>/lib/node_modules/npm).
 */
export function npmCommand(args = []) {
  const fromNpm = process.env.npm_execpath;
  const candidates = [
    ...(fromNpm && /npm-cli\.c?js$/.test(fromNpm) ? [fromNpm] : []),
    path.join(path.dirname(process.execPath), "node_modules", "npm", "bin", "npm-cli.js"),
    path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "npm", "bin", "npm-cli.js"),
  ];
  const cli = candidates.find((c) => existsSync(c));
  if (!cli) throw new Error("npm's npm-cli.js was not found beside Node.");
  return [process.execPath, [cli, ...args]];
}
