/**
 * The published types, as a TypeScript user's `eslint.config.ts` sees them: the built .d.ts files
 * of both packages under `strict` and without skipLibCheck, with ESLint's own config and plugin types.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot, workspace } from "./workspace.js";

const CONFIG = `import { defineConfig } from "eslint/config";
import type { ESLint, Linter } from "eslint";
import js from "@eslint/js";
import docker, { configs, files, ignores, language, rules } from "@docker-lint/eslint-plugin";

const plugin: ESLint.Plugin = docker;
const custom: Linter.Config = {
  files,
  ignores,
  language,
  plugins: { "@docker-lint": docker },
  rules: { "@docker-lint/require-image-tag": ["error", { allow: ["registry.internal/*"] }] },
};
const docsUrl: string | undefined = rules["require-image-tag"]?.meta?.docs?.url;

// @ts-expect-error: there is no such preset (proves the check is not vacuous)
const missing: Linter.Config = configs.nope;

export default defineConfig([
  { files: ["**/*.{js,mjs,cjs}"], extends: [js.configs.recommended] },
  docker.configs.recommended,
  configs.strict,
  custom,
  { files: ["services/legacy/**"], rules: { "@docker-lint/require-multi-stage": "off" } },
]);
export { plugin, docsUrl, missing };
`;

const built = existsSync(path.join(repoRoot, "packages/eslint-plugin/dist/index.d.ts"));
const w = workspace(
  {
    "package.json": JSON.stringify({ type: "module" }),
    "eslint.config.ts": CONFIG,
    "tsconfig.json": JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, types: [] },
      files: ["eslint.config.ts"],
    }),
  },
  { linkNodeModules: true },
);
afterAll(() => w.remove());

describe.skipIf(!built)("public types", () => {
  it("type-check a user's eslint.config.ts", () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", w.dir], { encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 60_000);
});
