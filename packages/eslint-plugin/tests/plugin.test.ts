/** The plugin object: core's own language and rules, and configs that carry files, ignores and language. */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as core from "@docker-lint/core";
import plugin, { configs, files, ignores, language, languages, meta, rules } from "../src/index.js";

describe("plugin exports", () => {
  it("re-exports core's rule objects, not copies", () => {
    expect(Object.keys(plugin.rules).sort()).toEqual(Object.keys(core.rules).sort());
    for (const [id, rule] of Object.entries(core.rules)) expect(plugin.rules[id]).toBe(rule);
    expect(rules).toBe(plugin.rules);
  });

  it("re-exports core's language object", () => {
    expect(plugin.languages.dockerfile).toBe(core.plugin.languages.dockerfile);
    expect(languages).toBe(plugin.languages);
    expect(language).toBe("@docker-lint/dockerfile");
  });

  it("names itself with the @docker-lint namespace (rule ids are @docker-lint/<id>)", () => {
    expect(meta).toEqual({ name: "@docker-lint/eslint-plugin", version: expect.stringMatching(/^\d+\.\d+\.\d+/), namespace: "@docker-lint" });
    for (const rule of Object.values(plugin.rules)) expect(rule.meta?.languages).toEqual(["@docker-lint/dockerfile"]);
  });

  it.each(["recommended", "strict", "all"] as const)("configs.%s carries files, ignores, language, the plugin and core's preset", (name) => {
    const config = configs[name];
    expect(plugin.configs[name]).toBe(config);
    expect(config.files).toEqual(["**/Dockerfile", "**/Dockerfile.*", "**/Dockerfile-*", "**/*.[Dd]ockerfile", "**/Containerfile"]);
    expect(config.files).toEqual(core.DOCKERFILE_FILE_GLOBS);
    expect(config.ignores).toContain("**/*.dockerignore");
    expect(config.ignores).toEqual(expect.arrayContaining(core.DEFAULT_IGNORES));
    expect(config.language).toBe("@docker-lint/dockerfile");
    expect(config.plugins?.["@docker-lint"]).toBe(plugin);
    expect(config.rules).toEqual(core.presets[name]);
    for (const id of Object.keys(config.rules ?? {})) expect(plugin.rules[id.replace("@docker-lint/", "")]).toBeDefined();
  });

  it("configs.all turns on every rule, at error", () => {
    expect(Object.keys(configs.all.rules ?? {}).sort()).toEqual(Object.keys(core.rules).map((id) => `@docker-lint/${id}`).sort());
    expect(new Set(Object.values(configs.all.rules ?? {}))).toEqual(new Set(["error"]));
  });

  it("exports the globs for users who build their own config", () => {
    expect(files).toBe(configs.recommended.files);
    expect(ignores).toBe(configs.recommended.ignores);
  });
});

describe("coverage of the rules", () => {
  it.each(Object.keys(core.rules))("%s has a RuleTester suite (in core) and a README row linking its docs", (id) => {
    const suite = new URL(`../../core/tests/rules/${id}.test.ts`, import.meta.url);
    expect(existsSync(suite)).toBe(true);
    expect(readFileSync(suite, "utf8")).toContain("dockerRuleTester()");
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    expect(readme).toContain(`| [\`${id}\`](${core.rules[id]!.meta!.docs!.url})`);
  });
});
