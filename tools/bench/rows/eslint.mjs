/**
 * Bench rows: ESLint itself (`eslint` bin, a fresh process) running @docker-lint/eslint-plugin over
 * the corpus, beside the docker-lint CLI rows. Goal: within 1.5× of the CLI in the same mode.
 *
 * The flat config is written to a fixed file in the temp folder (overwritten on every run) and passed with --config; ESLint runs from the
 * corpus folder so every corpus file is inside its base path.
 *  - folder: `eslint <corpus>` with configs.recommended as published (its `files` globs pick the
 *    Dockerfiles), comparable to "docker-lint CLI, folder (discovery)".
 *  - file list: the same index.json list as "docker-lint CLI, file list"; some names there
 *    (`Dockerfile-windows`, `Dockerfile-debug`) match no published glob, so this config widens
 *    `files` to any name containing "dockerfile" (both cases) or "Containerfile".
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export default function rows(ctx) {
  const pluginDist = path.join(ctx.repoRoot, "packages/eslint-plugin/dist/index.js");
  const eslintBin = path.join(ctx.repoRoot, "node_modules/eslint/bin/eslint.js");
  const pluginUrl = pathToFileURL(pluginDist).href;

  const folderConfig = path.join(os.tmpdir(), "docker-lint-bench-eslint-folder.mjs");
  writeFileSync(folderConfig, `import docker from ${JSON.stringify(pluginUrl)};\nexport default [docker.configs.recommended];\n`);
  const listConfig = path.join(os.tmpdir(), "docker-lint-bench-eslint-list.mjs");
  writeFileSync(
    listConfig,
    // ESLint never lints a file on a catch-all pattern such as "**/*", so name the corpus's spellings; named
    // files are linted even in .devcontainer, as the CLI does.
    `import docker from ${JSON.stringify(pluginUrl)};\nexport default [{ ...docker.configs.recommended, files: ["**/*[Dd]ockerfile*", "**/Containerfile*"], ignores: [] }];\n`,
  );

  const jsonArrayLength = (stdout) => {
    const v = JSON.parse(stdout);
    return Array.isArray(v) ? v.length : null;
  };
  const relativeFiles = ctx.files.map((f) => path.relative(ctx.corpus, f));

  return [
    {
      name: "eslint + plugin, folder",
      command: [ctx.node, eslintBin, "--config", folderConfig, "--format", "json", "."],
      cwd: ctx.corpus,
      count: jsonArrayLength,
      requires: pluginDist,
    },
    {
      name: "eslint + plugin, file list",
      command: [ctx.node, eslintBin, "--config", listConfig, "--format", "json", ...relativeFiles],
      cwd: ctx.corpus,
      files: ctx.files.length,
      count: jsonArrayLength,
      requires: pluginDist,
    },
  ];
}
