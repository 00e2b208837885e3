import {
  closeSync,
  copyFileSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from "node:fs";
import path from "node:path";

/** One operation the shim (shim.c) saw on a file under the watched directory. */
export type Op =
  | { op: "write"; file: string; offset: number; data: Buffer }
  | { op: "sync"; file: string }
  | { op: "truncate"; file: string; size: number }
  | { op: "unlink"; file: string };

const KINDS = { 1: "write", 2: "sync", 3: "truncate", 4: "unlink" } as const;

/** Parses the shim's journal; a record cut short by the kill is dropped (it was never returned to SQLite). */
export function readJournal(file: string): Op[] {
  if (!existsSync(file)) return [];
  const buf = readFileSync(file);
  const ops: Op[] = [];
  let at = 0;
  while (at + 24 <= buf.length) {
    const kind = KINDS[buf.readUInt32LE(at) as keyof typeof KINDS];
    const pathLen = buf.readUInt32LE(at + 4);
    const offset = Number(buf.readBigInt64LE(at + 8));
    const len = Number(buf.readBigInt64LE(at + 16));
    const dataLen = kind === "write" ? len : 0;
    if (!kind || at + 24 + pathLen + dataLen > buf.length) break;
    const name = path.basename(buf.toString("utf8", at + 24, at + 24 + pathLen));
    const dataAt = at + 24 + pathLen;
    if (kind === "write") ops.push({ op: "write", file: name, offset, data: buf.subarray(dataAt, dataAt + len) });
    else if (kind === "truncate") ops.push({ op: "truncate", file: name, size: offset });
    else ops.push({ op: kind, file: name });
    at = dataAt + dataLen;
  }
  return ops;
}

/**
 * The disk as it is after the power cut: the snapshot the process started from, plus, per file,
 * only the writes and truncations that an fsync of that file covered. Everything written after a
 * file's last fsync is gone, as with a volatile disk cache (LazyFS's "lose unsynced data").
 */
export function replayDurable(
  baseDir: string,
  ops: readonly Op[],
  outDir: string,
): { applied: number; dropped: number } {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(baseDir)) copyFileSync(path.join(baseDir, f), path.join(outDir, f));
  const lastSync = new Map<string, number>();
  ops.forEach((o, i) => o.op === "sync" && lastSync.set(o.file, i));
  let applied = 0;
  let dropped = 0;
  ops.forEach((o, i) => {
    const target = path.join(outDir, o.file);
    if (o.op === "sync") return;
    if (o.op === "unlink") {
      rmSync(target, { force: true });
      return;
    }
    if (i > (lastSync.get(o.file) ?? -1)) {
      dropped++;
      return;
    }
    applied++;
    const fd = openSync(target, existsSync(target) ? "r+" : "w+");
    try {
      if (o.op === "write") writeSync(fd, o.data, 0, o.data.length, o.offset);
      else ftruncateSync(fd, o.size);
    } finally {
      closeSync(fd);
    }
  });
  return { applied, dropped };
}
