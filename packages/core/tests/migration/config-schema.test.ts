/** The shipped JSON schema of docker-lint.config.json: current, and it accepts and refuses what the loader does. */
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/catalog/config-schema.js";
import { validateConfig } from "../../src/runner/lint.js";

const SHIPPED = path.join(__dirname, "../../schema/docker-lint.config.schema.json");

describe("config schema", () => {
  it("is the one the rules make (run `npm run build && npm run schema -w packages/core` after changing a rule)", () => {
    expect(JSON.parse(readFileSync(SHIPPED, "utf8"))).toEqual(configSchema());
  });

  it("accepts the configs the loader accepts, and refuses what it refuses", () => {
    const validate = new Ajv().compile(JSON.parse(readFileSync(SHIPPED, "utf8")));
    const good = [
      { $schema: "./node_modules/@docker-lint/core/schema/docker-lint.config.schema.json", extends: "strict" },
      { rules: { "no-unpinned-toolchain": ["error", { level: "patch" }], "@docker-lint/require-non-root-user": "warn", "require-multi-stage": 0 } },
      { ignores: ["vendor/**"], overrides: [{ files: ["tools/**"], rules: { "require-multi-stage": "off" } }], languageOptions: { goMod: false, buildContext: "." } },
      { settings: { trustedRegistries: ["registry.example"] } },
    ];
    for (const config of good) {
      expect(() => validateConfig(config)).not.toThrow();
      expect({ config, ok: validate(config) }).toEqual({ config, ok: true });
    }
    const bad = [{ extends: "loose" }, { rules: { "no-such-rule": "error" } }, { rules: { "require-image-tag": "on" } }, { colour: true }, { rules: { "no-unpinned-toolchain": ["error", { level: "major" }] } }];
    for (const config of bad) expect({ config, ok: validate(config) }).toEqual({ config, ok: false });
  });
});
