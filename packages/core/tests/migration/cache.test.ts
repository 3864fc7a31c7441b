/** --cache: unchanged files are replayed, and any change to what a result depends on is a miss. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCore, cleanTemp, run, tempTree, CLEAN, UNTAGGED } from "../cli/helpers.js";

beforeAll(buildCore);
afterAll(cleanTemp);

const GO_BUILD = "FROM golang:1.22.5 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nUSER 65532:65532\nENTRYPOINT [\"/app\"]\n";
const goMod = (v: string) => `module example.com/app\n\ngo ${v}\n`;

/** The files the cache holds entries for, and their keys. */
function entries(root: string, location = ".docker-lint-cache"): Record<string, string> {
  const stored = JSON.parse(readFileSync(path.join(root, location), "utf8")) as { entries: Record<string, { key: string }> };
  return Object.fromEntries(Object.entries(stored.entries).map(([f, e]) => [path.relative(root, f), e.key]));
}

describe("--cache", () => {
  it("replays stored results byte for byte", () => {
    const root = tempTree({ "a/Dockerfile": UNTAGGED, "b/Dockerfile": CLEAN });
    const first = run(["--cache", "-f", "json"], { cwd: root });
    expect(Object.keys(entries(root)).sort()).toEqual(["a/Dockerfile", "b/Dockerfile"]);
    const second = run(["--cache", "-f", "json"], { cwd: root });
    expect(second).toEqual(first);
    expect(run(["-f", "json"], { cwd: root })).toEqual(first);
  });

  it("uses a stored result: a planted one is what the next run reports", () => {
    const root = tempTree({ Dockerfile: CLEAN });
    run(["--cache"], { cwd: root });
    const file = path.join(root, ".docker-lint-cache");
    const stored = JSON.parse(readFileSync(file, "utf8"));
    const entry = stored.entries[path.join(root, "Dockerfile")];
    entry.result.messages = [{ ruleId: "@docker-lint/require-image-tag", severity: 2, message: "planted", line: 1, column: 1 }];
    entry.result.errorCount = 1;
    writeFileSync(file, JSON.stringify(stored));
    expect(run(["--cache", "-f", "json"], { cwd: root }).stdout).toContain("planted");
    // Edit the file: its key changes, and it is linted again.
    writeFileSync(path.join(root, "Dockerfile"), `${CLEAN}\n`);
    expect(run(["--cache", "-f", "json"], { cwd: root }).stdout).not.toContain("planted");
  });

  it("misses when the config, --rule or the go.mod the file sees change", () => {
    const root = tempTree({ "svc/Dockerfile": GO_BUILD, "svc/go.mod": goMod("1.22") });
    const plant = () => {
      const file = path.join(root, ".docker-lint-cache");
      const stored = JSON.parse(readFileSync(file, "utf8"));
      for (const e of Object.values(stored.entries) as Array<{ result: { messages: unknown[] } }>) e.result.messages = [{ ruleId: null, severity: 1, message: "planted", line: 1, column: 1 }];
      writeFileSync(file, JSON.stringify(stored));
    };
    const replayed = (args: string[] = []) => run(["--cache", "-f", "json", ...args], { cwd: root }).stdout.includes("planted");

    run(["--cache"], { cwd: root });
    plant();
    expect(replayed()).toBe(true);
    expect(replayed(["--rule", "require-image-tag: warn"])).toBe(false);

    run(["--cache"], { cwd: root });
    plant();
    writeFileSync(path.join(root, "svc/go.mod"), goMod("1.23"));
    const r = run(["--cache", "-f", "json"], { cwd: root });
    expect(r.stdout).not.toContain("planted");
    expect(r.stdout).toContain("go-version-matches-go-mod");

    plant();
    writeFileSync(path.join(root, "docker-lint.config.json"), JSON.stringify({ rules: { "go-version-matches-go-mod": "warn" } }));
    expect(replayed()).toBe(false);
  });

  it("a go.mod appearing nearer the file is a miss", () => {
    const root = tempTree({ "svc/Dockerfile": GO_BUILD, "go.mod": goMod("1.22") });
    const before = entries((run(["--cache"], { cwd: root }), root));
    writeFileSync(path.join(root, "svc/go.mod"), goMod("1.22"));
    run(["--cache"], { cwd: root });
    expect(entries(root)["svc/Dockerfile"]).not.toBe(before["svc/Dockerfile"]);
  });

  it("--cache-location takes a file or a folder; --fix bypasses the cache", () => {
    const root = tempTree({ Dockerfile: CLEAN, "tmp/.keep": "" });
    run(["--cache", "--cache-location", "tmp/"], { cwd: root });
    expect(existsSync(path.join(root, "tmp/.docker-lint-cache"))).toBe(true);
    run(["--cache", "--cache-location", "lint.cache"], { cwd: root });
    expect(Object.keys(entries(root, "lint.cache"))).toEqual(["Dockerfile"]);
    const fixRoot = tempTree({ Dockerfile: CLEAN });
    run(["--cache", "--fix"], { cwd: fixRoot });
    expect(existsSync(path.join(fixRoot, ".docker-lint-cache"))).toBe(false);
  });
});
