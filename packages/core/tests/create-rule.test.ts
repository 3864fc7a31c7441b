import { describe, expect, it } from "vitest";
import { all, createRule, presets, recommended, rules, strict } from "../src/index.js";
import { dockerRuleTester } from "./rules/tester.js";
import { applyDefault, deepMerge, DOCS_URL, type RuleSpec } from "../src/create-rule.js";

type Options = [{ level: "low" | "high"; names: string[]; nested: { a: number; b: number } }];

function spec(seen: Options[] = []): RuleSpec<Options, "found"> {
  return {
    name: "demo-rule",
    meta: {
      type: "problem",
      docs: { description: "A demo", recommended: true, strict: [{ level: "high" }] },
      messages: { found: "Found {{level}}." },
      schema: [{ type: "object", properties: { level: { enum: ["low", "high"] }, names: { type: "array" }, nested: { type: "object" } }, additionalProperties: false }],
    },
    defaultOptions: [{ level: "low", names: ["x"], nested: { a: 1, b: 2 } }],
    create(context, options) {
      seen.push(options);
      return { Dockerfile: (node) => context.report({ loc: node.loc, messageId: "found", data: { level: options[0].level } }) };
    },
  };
}

const fakeContext = (options: unknown[]) => ({ options, report() {} }) as never;

describe("createRule", () => {
  it("returns a new rule and leaves the spec as it was", () => {
    const input = spec();
    const before = structuredClone({ meta: input.meta, defaultOptions: input.defaultOptions });
    const rule = createRule(input);
    expect(rule).not.toBe(input);
    expect(rule.meta).not.toBe(input.meta);
    expect({ meta: input.meta, defaultOptions: input.defaultOptions }).toEqual(before);
  });

  it("fills docs.url, languages and meta.defaultOptions", () => {
    const rule = createRule(spec());
    expect(rule.meta?.docs?.url).toBe(`${DOCS_URL}/demo-rule.md`);
    expect(rule.meta?.languages).toEqual(["@docker-lint/dockerfile"]);
    expect(rule.meta?.defaultOptions).toEqual([{ level: "low", names: ["x"], nested: { a: 1, b: 2 } }]);
  });

  it("hands create the user's options deep-merged over the defaults", () => {
    const seen: Options[] = [];
    const rule = createRule(spec(seen));
    rule.create(fakeContext([]));
    rule.create(fakeContext([{ level: "high", nested: { b: 5 } }]));
    rule.create(fakeContext([{ names: [] }]));
    expect(seen).toEqual([
      [{ level: "low", names: ["x"], nested: { a: 1, b: 2 } }],
      [{ level: "high", names: ["x"], nested: { a: 1, b: 5 } }],
      // Arrays replace, as in typescript-eslint and ESLint.
      [{ level: "low", names: [], nested: { a: 1, b: 2 } }],
    ]);
  });
});

// Through ESLint, as users run it: the options of each case reach `create` merged.
const demo = createRule(spec());
dockerRuleTester({ "demo-rule": demo }).run("demo-rule", demo as never, {
  valid: [],
  invalid: [
    { code: "FROM scratch\n", errors: [{ messageId: "found", data: { level: "low" } }] },
    { code: "FROM scratch\n", options: [{ level: "high" }] as never, errors: [{ messageId: "found", data: { level: "high" } }] },
  ],
});

describe("applyDefault and deepMerge", () => {
  it("merges objects at any depth, replaces anything else, and keeps defaults for missing positions", () => {
    expect(deepMerge({ a: { b: 1, c: 2 }, d: [1] }, { a: { c: 3 }, d: [] })).toEqual({ a: { b: 1, c: 3 }, d: [] });
    expect(applyDefault([{ a: 1 }, "x"], [undefined, "y"])).toEqual([{ a: 1 }, "y"]);
    expect(applyDefault([{ a: 1 }], undefined)).toEqual([{ a: 1 }]);
  });
});

describe("presets, generated from meta.docs", () => {
  it("recommended: every rule whose docs say so, in rule order, with the docs' options", () => {
    const expected = Object.entries(rules)
      .filter(([, r]) => r.meta?.docs?.recommended)
      .map(([id]) => `@docker-lint/${id}`);
    expect(Object.keys(recommended)).toEqual(expected);
    expect(recommended["@docker-lint/json-exec-form"]).toEqual(["error", { shellBases: false }]);
    expect(recommended["@docker-lint/no-unpinned-toolchain"]).toBe("error");
  });

  it("strict: every recommended rule, with the strict options where the docs give them", () => {
    // Recommended rules first (in rule order), then the rules only strict turns on.
    const strictOnly = Object.entries(rules)
      .filter(([, r]) => r.meta?.docs?.strict && !r.meta.docs.recommended)
      .map(([id]) => `@docker-lint/${id}`);
    expect(new Set(Object.keys(strict))).toEqual(new Set([...Object.keys(recommended), ...strictOnly]));
    expect(strict["@docker-lint/pin-package-versions"]).toBe("error");
    expect(strict["@docker-lint/no-unpinned-toolchain"]).toEqual(["error", { level: "patch" }]);
    expect(strict["@docker-lint/require-minimal-runtime-base"]).toEqual(["error", { slim: "report" }]);
    expect(strict["@docker-lint/json-exec-form"]).toEqual(["error", { shellBases: true }]);
    expect(strict["@docker-lint/require-image-tag"]).toBe("error");
  });

  it("all: every rule on", () => {
    expect(Object.keys(all)).toEqual(Object.keys(rules).map((id) => `@docker-lint/${id}`));
    expect(new Set(Object.values(all))).toEqual(new Set(["error"]));
    expect(Object.keys(presets)).toEqual(["recommended", "strict", "all"]);
  });

  it("every rule's docs url names its id", () => {
    for (const [id, rule] of Object.entries(rules)) expect(rule.meta?.docs?.url).toBe(`${DOCS_URL}/${id}.md`);
  });
});
