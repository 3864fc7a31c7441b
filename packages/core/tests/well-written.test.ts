/**
 * Dockerfiles that follow the checklist of a good Go image (docs/DEVELOPING.md, "The well-written Go image") get no error and
 * no warning from either preset, with their go.mod found on disk as in real use.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DockerLinter } from "../src/index.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/well-written");
const variants = readdirSync(root);

describe("well-written Dockerfiles", () => {
  it("has the distroless, scratch+CA and ARG-driven variants", () => {
    expect(variants.sort()).toEqual(["arg-version", "distroless", "scratch-ca"]);
  });
  for (const preset of ["recommended", "strict"] as const) {
    for (const variant of variants) {
      it(`${variant} is clean under ${preset}`, () => {
        const file = path.join(root, variant, "Dockerfile");
        const result = new DockerLinter({ extends: preset }).lintText(readFileSync(file, "utf8"), { filePath: file });
        expect(result.messages).toEqual([]);
      });
    }
  }

  it("go.mod is really read: an older builder than go.mod is caught", () => {
    const file = path.join(root, "distroless", "Dockerfile");
    const text = readFileSync(file, "utf8").replace("golang:1.22.3-bookworm", "golang:1.21.0-bookworm");
    const ids = new DockerLinter().lintText(text, { filePath: file }).messages.map((m) => m.ruleId);
    expect(ids).toContain("@docker-lint/go-version-matches-go-mod");
  });
});
