// electron-builder configuration (`npm run dist`). better-sqlite3 for Electron's ABI is built by
// scripts/electron-native.mjs into .native/ and shipped as resources/native/better_sqlite3.node;
// node_modules keeps Node's build for the tests, so electron-builder must not rebuild it in place.
// build/config.test.ts and build/bundle.test.ts check what can be checked without Electron's binary.
const electronVersion = require("electron/package.json").version;

/**
 * What a .deb needs installed: electron-builder's own default `depends` (which a `depends` list
 * replaces, not extends — build/config.test.ts compares them with the installed electron-builder's),
 * plus what Chromium and the app load at run time that those miss on a minimal Debian/Ubuntu:
 * GBM for GPU buffers, ALSA (Chromium links it even when nothing plays sound) and CUPS's `lp` for
 * system printers.
 */
const ELECTRON_BUILDER_DEB_DEPENDS = [
  "libgtk-3-0",
  "libnotify4",
  "libnss3",
  "libxss1",
  "libxtst6",
  "xdg-utils",
  "libatspi2.0-0",
  "libuuid1",
  "libsecret-1-0",
];
const APP_DEB_DEPENDS = ["libgbm1", "libasound2", "cups-client"];

/** @type {import("electron-builder").Configuration} */
module.exports = {
  appId: "com.happyhead.kiosk",
  productName: "Happy Head Kiosk",
  copyright: "Happy Head",
  // build/resources/icon.png (build/make-icon.mjs) becomes the .ico, .icns and Linux icons.
  directories: { output: "release", buildResources: "build/resources" },
  // Allow-list: the bundled main/preload, the built renderer, package.json. Production
  // dependencies (better-sqlite3's JS, pdfkit and its fonts, exceljs, …) come from node_modules.
  // Of the emoji font package (PDF slips, electron/printing/emoji.ts) only its regular TTF is read: its four other
  // weights and their PNG previews would add 3.6 MB to every install.
  files: [
    "dist/electron/**/*.js",
    "dist/renderer/**/*",
    "!**/*.map",
    "package.json",
    "!node_modules/@expo-google-fonts/noto-emoji/{300Light,500Medium,600SemiBold,700Bold}/**",
    "!node_modules/@expo-google-fonts/noto-emoji/**/*.png",
  ],
  asar: true,
  asarUnpack: ["**/*.node"],
  npmRebuild: false,
  extraResources: [
    {
      // ${os} (linux|mac|win) and ${arch} are the TARGET's, so a cross build ships the target's
      // binary (`node scripts/electron-native.mjs --os=win --arch=x64` fetches it) — ${platform}
      // would be the building machine's process.platform.
      from: `.native/electron-${electronVersion}-\${os}-\${arch}/better_sqlite3.node`,
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
  // The AppImage's desktop entry starts the app as `AppRun %U`, not as electron-builder's default (legacy AppImage
  // toolset) `AppRun --no-sandbox %U`, which turns Chromium's sandbox off for every launch through it. AppRun still
  // adds --no-sandbox where user namespaces are unavailable (its `unshare -Ur true` check, e.g. Ubuntu 24.04+ with
  // AppArmor's restriction), where Chromium could not start otherwise; the .deb installs an AppArmor profile instead.
  appImage: { executableArgs: [] },
  deb: { depends: [...ELECTRON_BUILDER_DEB_DEPENDS, ...APP_DEB_DEPENDS] },
  win: { target: ["nsis"] },
  nsis: { oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true },
  mac: { target: ["dmg"], category: "public.app-category.business" },
};
