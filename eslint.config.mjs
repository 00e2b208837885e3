// Lint: the mistakes the compiler lets through. Type-aware rules for promises (a check-in whose
// failure nobody awaits is a guest left on a spinner), React's rules of hooks, no `any`, and the
// process boundaries the tree promises: the view never imports the model or the shell, the model
// never imports the shell or the view.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const importsFrom = (folders, why) => ({
  patterns: folders.map((folder) => ({ group: [`**/${folder}`, `**/${folder}/**`], message: why })),
});
// The head office's folder, not the contract's hq.ts (which every side shares).
const HQ_FOLDER = {
  group: ["**/hq/**"],
  message:
    "Nothing in the app imports the head office: it is a service, reached over HTTP through the contract's sync format.",
};
const importsFromOrHq = (folders, why) => ({ patterns: [...importsFrom(folders, why).patterns, HQ_FOLDER] });

/** React's rules of hooks, for every view (the spa's renderer and the owner dashboard's page). */
const hookRules = { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" };

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "release/",
      ".tsbuild/",
      ".native/",
      ".data/",
      "node_modules/",
      "test-results/",
      "playwright-report/",
      ".test-reports/",
      "**/*.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      eqeqeq: ["error", "always", { null: "ignore" }],
      // Prettier lays code out at 120 columns; this holds comments to it too. A message or SQL
      // string stays whole, so it can be found by searching for it.
      "max-len": [
        "error",
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Fakes of async interfaces (printers, clocks) answer at once, and that is their point.
      "@typescript-eslint/require-await": "off",
      // better-sqlite3 types a transaction's .immediate and Playwright's page methods as methods;
      // both are bound functions, passed around by design.
      "@typescript-eslint/unbound-method": "off",
    },
  },
  {
    // One way to open a database: db/open.ts's connect() applies the runtime's native binding (the
    // Electron-ABI build under Electron) and the per-connection pragmas. A `new Database(` anywhere
    // else would load Node's build under Electron and fail (restore, backup checks, exports).
    files: ["**/*.{ts,tsx,mjs,js,cjs}"],
    ignores: ["db/open.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "NewExpression[callee.name='Database']",
          message: "Open SQLite files with connect() or openDatabase() from db/open.ts (native binding + pragmas).",
        },
        {
          selector: "NewExpression[callee.object.name='Database']",
          message: "Open SQLite files with connect() or openDatabase() from db/open.ts (native binding + pragmas).",
        },
      ],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "better-sqlite3",
              importNames: ["default"],
              message:
                "Open SQLite files with connect() or openDatabase() from db/open.ts; import only types from better-sqlite3.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests and benchmarks: vitest's asymmetric matchers (expect.any, expect.objectContaining) are typed any.
    files: ["**/*.test.ts", "e2e/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Playwright's fixtures take their dependencies by destructuring; one with none reads ({}, use).
    files: ["e2e/fixtures.ts"],
    rules: { "no-empty-pattern": "off" },
  },
  {
    files: ["renderer/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...hookRules,
      "no-restricted-imports": [
        "error",
        importsFromOrHq(
          ["db", "electron"],
          "The view reaches the model and the shell only through window.kiosk and the contract.",
        ),
      ],
    },
  },
  {
    files: ["db/**/*.ts", "contract/**/*.ts"],
    ignores: ["db/**/*.test.ts", "db/test/**", "db/durability/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        importsFromOrHq(["electron", "renderer"], "The model and the contract import neither the shell nor the view."),
      ],
    },
  },
  {
    // The head office shares only the contract with the locations; a location's model, shell and view stay there (its
    // tests may drive a location's db/).
    files: ["hq/**/*.ts"],
    ignores: ["hq/**/*.test.ts", "hq/test/**", "hq/web/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        importsFrom(["db", "electron", "renderer"], "The head office imports only the contract."),
      ],
    },
  },
  {
    // The owner dashboard's page reuses the renderer's report components (and so the one FIGURES), never a location's
    // model or shell.
    files: ["hq/web/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...hookRules,
      "no-restricted-imports": [
        "error",
        importsFrom(
          ["db", "electron"],
          "The dashboard's page reaches the head office only over HTTP, through the contract.",
        ),
      ],
    },
  },
  {
    // The shell and the scripts never import the head office (its tests and the benchmarks may, and the dashboard's e2e
    // spec).
    files: ["electron/**/*.ts", "scripts/**/*.ts", "e2e/**/*.ts"],
    ignores: ["**/*.test.ts", "e2e/hq-*.spec.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [HQ_FOLDER] }],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
  },
  {
    // electron-builder loads its config with require().
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
