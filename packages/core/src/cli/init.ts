/**
 * `docker-lint --init`: writes docker-lint.config.json in the current folder, pointing `$schema`
 * at the installed schema; `--from-hadolint` translates the nearest .hadolint.yaml into it and
 * says what has no equivalent.
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DIST_URL } from "../runtime/dist-dir.js";
import { SCHEMA_ID } from "../catalog/config-schema.js";
import type { DockerLintConfig } from "../runner/lint.js";

export const INIT_FILE = "docker-lint.config.json";

/** `$schema` for a config in `cwd`: the installed schema, relative, when it lies below; else its URL. */
export function schemaReference(cwd: string): string {
  const installed = fileURLToPath(new URL("../schema/docker-lint.config.schema.json", DIST_URL));
  const rel = path.relative(cwd, installed).split(path.sep).join("/");
  return existsSync(installed) && !rel.startsWith("..") && !path.isAbsolute(rel) ? `./${rel}` : SCHEMA_ID;
}

export interface InitOptions {
  cwd: string;
  fromHadolint: boolean;
  /** -c: with --from-hadolint, the .hadolint.yaml to translate. */
  config?: string;
}

/** Returns the exit code: 0 written, 2 refused (a config exists, no .hadolint.yaml, bad YAML). */
export async function init({ cwd, fromHadolint, config }: InitOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const target = path.join(cwd, INIT_FILE);
  if (existsSync(target)) {
    err(`docker-lint: ${target} already exists; edit it, or remove it to start over\n`);
    return 2;
  }
  const written: DockerLintConfig & { $schema: string } = { $schema: schemaReference(cwd), extends: "recommended" };
  const notes: string[] = [];
  if (fromHadolint) {
    const hadolint = await import("../runner/hadolint-config.js");
    const source = config !== undefined ? path.resolve(cwd, config) : hadolint.findHadolintConfig(cwd);
    if (!source || !existsSync(source)) {
      err(`docker-lint: --from-hadolint: no ${config ?? ".hadolint.yaml or .hadolint.yml"} found${config ? "" : " in this folder or above"}\n`);
      return 2;
    }
    const translated = await hadolint.loadHadolintConfig(source);
    if (Object.keys(translated.rules).length > 0) written.rules = translated.rules;
    if (Object.keys(translated.settings).length > 0) written.settings = translated.settings as Record<string, unknown>;
    notes.push(`Translated ${path.relative(cwd, source) || source}.`);
    if (translated.failureThreshold) notes.push(`failure-threshold is a command-line option here: pass --failure-threshold ${translated.failureThreshold} (docker-lint also reads it from the .hadolint.yaml while that file exists).`);
    if (translated.noColor) notes.push("no-color: set NO_COLOR=1 or pass --no-color.");
    for (const line of translated.unmapped) notes.push(`No equivalent: ${line}.`);
    notes.push("# hadolint ignore=… and global/stage ignore comments keep working: docker-lint reads them for the rules that cover those codes.");
  }
  writeFileSync(target, `${JSON.stringify(written, null, 2)}\n`);
  out(`Wrote ${INIT_FILE}.\n${notes.map((n) => `  ${n}\n`).join("")}`);
  return 0;
}
