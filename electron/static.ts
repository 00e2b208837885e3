import { readFile } from "node:fs/promises";
import path from "node:path";
import { CSP } from "../contract/csp";

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
  ".wav": "audio/wav",
};

export interface StaticResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Serves a file of the built renderer for a URL path. Used by the app:// protocol in Electron
 * and by the Playwright route in the browser wiring, so both get the same files and headers.
 * Paths are resolved inside `root` only; anything else is a 404.
 */
export async function serveStatic(root: string, urlPath: string): Promise<StaticResponse> {
  const headers = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
  };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0] ?? "/");
  } catch {
    return { status: 400, headers, body: Buffer.from("Bad request") };
  }
  const relative = path.posix.normalize(decoded).replace(/^\/+/, "") || "kiosk.html";
  const file = path.resolve(root, relative);
  if (!file.startsWith(path.resolve(root) + path.sep)) return { status: 404, headers, body: Buffer.from("Not found") };
  try {
    const body = await readFile(file);
    return {
      status: 200,
      headers: { ...headers, "Content-Type": MIME[path.extname(file)] ?? "application/octet-stream" },
      body,
    };
  } catch {
    return { status: 404, headers, body: Buffer.from("Not found") };
  }
}
