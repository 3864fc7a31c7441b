/**
 * RuleTester wiring shared by the per-rule suites: `@typescript-eslint/rule-tester` over the
 * plugin's own language, so every case runs through ESLint exactly as users run it. Chosen over
 * ESLint's RuleTester because under vitest ESLint's hides a failing case's diff behind a TypeError
 * in `.ts` files. It runs our rules unchanged; only its config type is ESTree-bound (no
 * `language`), hence the casts below.
 */
import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll, describe, it } from "vitest";
import { plugin } from "../../src/plugin.js";
import type { DockerRule } from "../../src/create-rule.js";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/**
 * A tester running rules on Dockerfiles (file name `Dockerfile` unless a case sets `filename`),
 * with go.mod lookup off unless a case sets `languageOptions: { goMod: … }`.
 */
export function dockerRuleTester(extraRules: Record<string, DockerRule<any, string>> = {}): RuleTester {
  return new RuleTester({
    plugins: { "@docker-lint": { ...plugin, rules: { ...plugin.rules, ...extraRules } } },
    language: "@docker-lint/dockerfile",
    languageOptions: { goMod: false },
    defaultFilenames: { ts: "Dockerfile", tsx: "Dockerfile" },
  } as never);
}

/** A rule of the plugin, typed the way RuleTester.run wants it. */
export const rule = (id: string) => {
  const found = plugin.rules[id];
  if (!found) throw new Error(`no rule ${id}`);
  return found as never;
};
