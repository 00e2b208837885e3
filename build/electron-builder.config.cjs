// electron-builder configuration (`npm run dist`). better-sqlite3 for Electron's ABI is built by
// scripts/electron-native.mjs into .native/ and shipped as resources/native/better_sqlite3.node;
// node_modules keeps Node's build for the tests, so electron-builder must not rebuild it in place.
const electronVersion = require("electron/package.json").version;

/** @type {import("electron-builder").Configuration} */
module.exports = {
  appId: "com.happyhead.kiosk",
  productName: "Happy Head Kiosk",
  copyright: "Happy Head",
  directories: { output: "release", buildResources: "build/resources" },
  // Allow-list: the bundled main/preload, the built renderer, package.json. Production
  // dependencies (better-sqlite3's JS, pdfkit and its fonts, …) come from node_modules.
  files: ["dist/electron/**/*.js", "dist/renderer/**/*", "!**/*.map", "package.json"],
  asar: true,
  asarUnpack: ["**/*.node"],
  npmRebuild: false,
  extraResources: [
    {
      from: `.native/electron-${electronVersion}-${process.platform}-${process.arch}/better_sqlite3.node`,
      to: "native/better_sqlite3.node",
    },
  ],
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: { target: ["AppImage", "deb"], category: "Office", maintainer: "Happy Head <it@happyhead.example>" },
  deb: { depends: ["cups-client"] },
  win: { target: ["nsis"] },
  nsis: { oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true },
  mac: { target: ["dmg"], category: "public.app-category.business" },
};
