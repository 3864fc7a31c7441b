/**
 * runner/options-check.ts says "certainly valid" only of options ESLint accepts: checked against
 * ESLint's own validation on generated options for every rule with options. And it does say so for
 * the options users write, so that a config with options no longer loads ESLint's Linter and ajv.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Linter } from "eslint";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { presets, type RuleEntry } from "../src/index.js";
import { plugin } from "../src/plugin.js";
import { resolveRules } from "../src/runner/fast-lint.js";
import { optionsCertainlyValid } from "../src/runner/options-check.js";
import { leanRunnerParts } from "../src/runtime/eslint-internals.js";
import { BIN } from "./cli/helpers.js";

const NS = "@docker-lint";
const byId = new Map(Object.entries(plugin.rules).map(([id, rule]) => [`${NS}/${id}`, rule]));
const ruleFor = (id: string) => byId.get(id);
const parts = leanRunnerParts();
if (!parts) throw new Error("ESLint's lean-runner parts are missing");

function certainlyValid(rules: Record<string, unknown>): boolean {
  const resolved = resolveRules([rules], ruleFor, parts!.deepMergeArrays.bind(parts));
  return resolved !== null && optionsCertainlyValid(resolved, ruleFor);
}

/** ESLint's own verdict: verify() throws on options its ajv check rejects. */
function eslintAccepts(rules: Record<string, unknown>): boolean {
  const linter = new Linter({ configType: "flat", cwd: "/" });
  try {
    const messages = linter.verify("FROM scratch\n", [{ files: [(() => true) as never], plugins: { [NS]: plugin as never }, language: `${NS}/dockerfile`, rules: rules as never }], "/x/Dockerfile");
    if (messages.some((m) => m.ruleId === null)) throw new Error(`the config did not apply: ${messages[0]!.message}`);
    return true;
  } catch (error) {
    if (String(error).includes("did not apply")) throw error;
    return false;
  }
}

const withOptions = [...byId].filter(([, rule]) => Array.isArray(rule.meta?.schema) ? rule.meta.schema.length > 0 : rule.meta?.schema !== undefined);

describe("options-check", () => {
  it("knows the presets' options and single severities to be valid", () => {
    for (const [name, preset] of Object.entries(presets)) expect(certainlyValid(preset), name).toBe(true);
    expect(certainlyValid({ [`${NS}/require-image-tag`]: "warn", [`${NS}/json-exec-form`]: 0 })).toBe(true);
  });

  it("is never sure of options ESLint rejects", () => {
    expect(withOptions.length).toBeGreaterThan(5);
    let sure = 0;
    for (const [id, rule] of withOptions) {
      const defaults = (rule.meta?.defaultOptions ?? []) as unknown[];
      const first = defaults[0];
      const keys = first && typeof first === "object" && !Array.isArray(first) ? Object.keys(first) : [];
      // Options shaped like the rule's own (its keys with any values), and anything at all.
      const shaped = keys.length > 0 ? fc.dictionary(fc.constantFrom(...keys, "unknownKey"), fc.jsonValue({ maxDepth: 2 })) : fc.jsonValue({ maxDepth: 2 });
      const options = fc.oneof(fc.tuple(shaped), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 2 }));
      fc.assert(
        fc.property(options, (opts) => {
          const rules = { [id]: ["error", ...opts] as RuleEntry };
          if (!certainlyValid(rules)) return;
          sure++;
          expect(eslintAccepts(rules), `${id} ${JSON.stringify(opts)}`).toBe(true);
        }),
        { numRuns: 60, seed: 20261203 },
      );
    }
    // Not vacuous: many generated options were judged certainly valid, and ESLint agreed.
    expect(sure).toBeGreaterThan(50);
  });

  it("agrees with ESLint on hand-made options, bad ones included", () => {
    const cases: Array<[Record<string, unknown>, boolean]> = [
      [{ [`${NS}/json-exec-form`]: ["error", { shellBases: true }] }, true],
      [{ [`${NS}/json-exec-form`]: ["error", { shellBases: "yes" }] }, false],
      [{ [`${NS}/json-exec-form`]: ["error", { shellbases: true }] }, false],
      [{ [`${NS}/json-exec-form`]: ["error", { shellBases: true }, "extra"] }, false],
      [{ [`${NS}/no-unpinned-toolchain`]: ["error", { level: "patch" }] }, true],
      [{ [`${NS}/no-unpinned-toolchain`]: ["error", { level: "nightly" }] }, false],
      [{ [`${NS}/require-image-tag`]: ["error", "unexpected"] }, false],
      [{ [`${NS}/require-image-tag`]: "on" }, false],
      [{ [`${NS}/no-such-rule`]: "error" }, false],
    ];
    for (const [rules, valid] of cases) {
      expect(eslintAccepts(rules), JSON.stringify(rules)).toBe(valid);
      expect(certainlyValid(rules), JSON.stringify(rules)).toBe(valid);
    }
  });

  it("lets the CLI lint with a config of options without loading ESLint's Linter or ajv", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "dl-options-"));
    writeFileSync(path.join(dir, "Dockerfile"), "FROM golang:1.26.8 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n");
    writeFileSync(path.join(dir, "docker-lint.config.json"), JSON.stringify({ rules: { "json-exec-form": ["error", { shellBases: true }], "require-non-root-user": "off" } }));
    const probe = path.join(dir, "probe.cjs");
    writeFileSync(probe, "process.on('exit', () => { process.stderr.write('AJV=' + Object.keys(require.cache).some((f) => f.includes('/ajv/') || f.endsWith('linter/linter.js')) + '\\n'); });\n");
    const run = spawnSync(process.execPath, ["-r", probe, BIN, "--format", "json", "Dockerfile"], { cwd: dir, encoding: "utf8" });
    expect(run.stderr).toContain("AJV=false");
    expect(JSON.parse(run.stdout)).toHaveLength(1);
    // A bad option still fails in ESLint's words, through Linter.
    writeFileSync(path.join(dir, "docker-lint.config.json"), JSON.stringify({ rules: { "json-exec-form": ["error", { shellBases: "yes" }] } }));
    const bad = spawnSync(process.execPath, [BIN, "Dockerfile"], { cwd: dir, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/shellBases|should be boolean|must be boolean/);
  });
});
