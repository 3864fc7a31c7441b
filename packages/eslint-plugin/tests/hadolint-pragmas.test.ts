/** `# hadolint ignore=…` comments under ESLint: the rules drop what they cover, ESLint reports no unused directive, --fix leaves them. */
import { afterEach, describe, expect, it } from "vitest";
import { ESLint } from "eslint";
import docker from "../src/index.js";
import { workspace, type Workspace } from "./workspace.js";

const spaces: Workspace[] = [];
afterEach(() => {
  for (const w of spaces.splice(0)) w.remove();
});

const ROOT = "FROM golang:1.22.5 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n# hadolint ignore=DL3002,DL3008\nUSER root\nENTRYPOINT [\"/app\"]\n";

describe("hadolint pragmas under ESLint", () => {
  it("silence the covered rules, with no unused-directive report, and survive --fix", async () => {
    const w = workspace({ Dockerfile: ROOT });
    spaces.push(w);
    const eslint = new ESLint({ cwd: w.dir, overrideConfigFile: true, overrideConfig: [docker.configs.recommended] as never, fix: true });
    const [result] = await eslint.lintFiles(["Dockerfile"]);
    expect(result!.messages).toEqual([]);
    expect(result!.output).toBeUndefined();
    const without = await new ESLint({ cwd: w.dir, overrideConfigFile: true, overrideConfig: [docker.configs.recommended] as never }).lintText(ROOT.replace("# hadolint ignore=DL3002,DL3008", "# root"), {
      filePath: `${w.dir}/Dockerfile`,
    });
    expect(without[0]!.messages.map((m) => m.ruleId)).toEqual(["@docker-lint/require-non-root-user"]);
  });
});
