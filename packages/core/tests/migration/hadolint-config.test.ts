/** .hadolint.yaml translation: levels, ignored over override, carried settings, and what has no equivalent. */
import { describe, expect, it } from "vitest";
import { mergeHadolintConfig, translateHadolintConfig } from "../../src/runner/hadolint-config.js";
import { toFlatConfig } from "../../src/runner/lint.js";

describe("translateHadolintConfig", () => {
  it("maps override levels onto error/warn, the most severe winning, and ignored over all", () => {
    const t = translateHadolintConfig({ override: { style: ["DL3025", "DL3002"], error: ["DL3002"], info: ["DL3022"] }, ignored: ["DL3025"] }, "/x/.hadolint.yaml");
    expect(t.rules).toEqual({ "require-non-root-user": "error", "valid-copy-from": "warn", "json-exec-form": "off" });
  });

  it("carries trustedRegistries, label-schema and strict-labels into settings, which reach the ESLint config", () => {
    const t = translateHadolintConfig({ trustedRegistries: ["a.example"], "label-schema": { owner: "text" }, "strict-labels": true }, "/x/.hadolint.yaml");
    expect(t.settings).toEqual({ trustedRegistries: ["a.example"], labelSchema: { owner: "text" }, strictLabels: true });
    const merged = mergeHadolintConfig({ rules: { "require-image-tag": "warn" }, settings: { strictLabels: false } }, t);
    expect(merged.settings).toEqual({ trustedRegistries: ["a.example"], labelSchema: { owner: "text" }, strictLabels: false });
    expect(toFlatConfig(merged)[0]!.settings).toEqual(merged.settings);
  });

  it("lists codes and keys without an equivalent, and refuses wrong shapes with the file's name", () => {
    const t = translateHadolintConfig({ ignored: ["DL3005", "SC2086"], "no-fail": true, "failure-threshold": "Style" }, "/x/.hadolint.yaml");
    expect(t.unmapped).toEqual(["no docker-lint rule covers DL3005, SC2086", '"no-fail" has no config equivalent (ignore the exit code, or use --failure-threshold error with rules at warn)']);
    expect(t.failureThreshold).toBe("style");
    expect(() => translateHadolintConfig({ ignored: "DL3005" }, "/x/.hadolint.yaml")).toThrow(/^\/x\/\.hadolint\.yaml: "ignored" must be a list of strings$/);
    expect(() => translateHadolintConfig({ override: { fatal: ["DL3002"] } }, "/x/.hadolint.yaml")).toThrow(/"override\.fatal": expected error, warning, info or style/);
  });
});
