// Preloaded (node --require) by electron/native-binding.test.ts's child: better-sqlite3's own
// addon can't be loaded, as under Electron, where node_modules holds a build for Node's ABI.
// better-sqlite3 loads it with require("bindings"); only an explicit nativeBinding path works.
const Module = require("node:module");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === "bindings" && parent && /better-sqlite3/.test(parent.filename ?? "")) {
    throw new Error("better-sqlite3's default addon is unloadable in this process (as under Electron)");
  }
  return resolve.call(this, request, parent, ...rest);
};
