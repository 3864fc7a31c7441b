/**
 * RuleTester wiring shared by the per-rule suites. `@typescript-eslint/rule-tester` rather than
 * ESLint's own: under vitest, ESLint's RuleTester hides a failing case's diff behind a TypeError in
 * `.ts` files (notes/eslint-nx.md, pitfall 2). It runs our rules unchanged; only its config type is
 * ESTree-bound (no `language`/`languages`), hence the one cast below.
 */
import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll, describe, it } from "vitest";
import plugin from "../../src/index.js";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A tester running the plugin's rules on Dockerfiles, with go.mod lookup off unless a case sets it. */
export function dockerRuleTester(): RuleTester {
  return new RuleTester({
    plugins: { "@docker-lint": plugin },
    language: "@docker-lint/dockerfile",
    languageOptions: { goMod: false },
    defaultFilenames: { ts: "Dockerfile", tsx: "Dockerfile" },
  } as never);
}

export { plugin };
export const rule = (id: string) => plugin.rules[id] as never;
