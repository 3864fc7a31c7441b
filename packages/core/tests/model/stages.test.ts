import { describe, expect, it } from "vitest";
import { model } from "./build.js";

describe("model: stages", () => {
  it("follows FROM <stage> chains to the root image", () => {
    const m = model("FROM golang:1.22 AS build\nFROM build AS test\nFROM test AS final\n");
    const [build, test, final] = m.stages;
    expect(test!.parent).toBe(build);
    expect(final!.parent).toBe(test);
    expect(final!.base).toBeNull();
    expect(final!.root).toMatchObject({ repository: "golang", tag: "1.22" });
    expect(final!.image.family).toBe("golang");
    expect(m.finalStage).toBe(final);
    expect(final!.isFinal).toBe(true);
    expect(build!.isFinal).toBe(false);
  });

  it("matches stage aliases case-insensitively and stores them lower-cased", () => {
    const m = model("FROM golang:1.22 AS Build\nFROM BUILD\n");
    expect(m.stages[0]!.name).toBe("build");
    expect(m.stages[1]!.parent).toBe(m.stages[0]);
    expect(m.stageByRef("bUiLd")).toBe(m.stages[0]);
  });

  it("accepts a lower-case `as`", () => {
    const m = model("from golang:1.22 as build\nfrom build\n");
    expect(m.stages[0]!.name).toBe("build");
    expect(m.stages[1]!.parent).toBe(m.stages[0]);
  });

  it("finds stages by index for COPY --from", () => {
    const m = model("FROM golang:1.22\nRUN go build -o /app .\nFROM scratch\nCOPY --from=0 /app /app\n");
    const copy = m.stages[1]!.copies[0]!;
    expect(copy.from).toBe("0");
    expect(copy.fromStage).toBe(m.stages[0]);
    expect(m.stageByRef("0")).toBe(m.stages[0]);
    expect(m.stageByRef("1")).toBe(m.stages[1]);
    expect(m.stageByRef("2")).toBeNull();
  });

  it("treats COPY --from=<image> as no stage", () => {
    const m = model("FROM scratch\nCOPY --from=alpine:3.20 /etc/passwd /etc/passwd\n");
    expect(m.stages[0]!.copies[0]).toMatchObject({ from: "alpine:3.20", fromStage: null });
  });

  // The current stage is found (valid-copy-from reports it as a self-reference); a later one is not.
  it("does not let COPY --from name a later stage", () => {
    const m = model("FROM alpine:3.20 AS a\nCOPY --from=a /x /x\nCOPY --from=b /y /y\nFROM alpine:3.20 AS b\n");
    expect(m.stages[0]!.copies.map((c) => c.fromStage)).toEqual([m.stages[0], null]);
  });

  it("resolves COPY --from through a stage ARG", () => {
    const m = model("FROM golang:1.22 AS build\nFROM scratch\nARG SRC=build\nCOPY --from=${SRC} /app /app\n");
    expect(m.stages[1]!.copies[0]).toMatchObject({ from: "build", fromStage: m.stages[0] });
  });

  it("reads `FROM alpine` as the stage named alpine when one exists before it (dex pattern)", () => {
    const m = model(
      "ARG BASE_IMAGE=alpine\nFROM alpine:3.20 AS alpine\nRUN apk add --no-cache ca-certificates\nFROM gcr.io/distroless/static-debian12:nonroot AS distroless\nFROM $BASE_IMAGE\n",
    );
    const [alpine, , final] = m.stages;
    expect(alpine!.base).toMatchObject({ repository: "alpine", tag: "3.20" });
    expect(final!.parent).toBe(alpine);
    expect(final!.root?.tag).toBe("3.20");
    expect(final!.image.family).toBe("alpine");
  });

  it("reads `FROM alpine AS alpine` (the alias is not in scope yet) as the image", () => {
    const m = model("FROM alpine AS alpine\n");
    expect(m.stages[0]!.parent).toBeNull();
    expect(m.stages[0]!.base?.repository).toBe("alpine");
  });

  it("keeps the first of two stages with the same alias for later references", () => {
    const m = model("FROM alpine:3.19 AS x\nFROM alpine:3.20 AS x\nFROM x\n");
    expect(m.stages[2]!.parent).toBe(m.stages[0]);
  });

  it("records FROM --platform and the image span", () => {
    const m = model("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n");
    const s = m.stages[0]!;
    expect(s.platform).toBe("$BUILDPLATFORM");
    expect(s.imageSpan).toMatchObject({ value: "golang:1.22", range: [31, 42], loc: { start: { line: 1, column: 32 }, end: { line: 1, column: 43 } } });
  });

  it("gives an empty model for a file without FROM", () => {
    const m = model("ARG X=1\n# nothing else\n");
    expect(m.stages).toEqual([]);
    expect(m.finalStage).toBeNull();
    expect(m.globalArgs.get("X")).toBe("1");
  });

  it("groups instructions by stage", () => {
    const m = model("ARG A=1\nFROM alpine:3.20\nRUN a\nFROM scratch\nCOPY x y\nUSER 1000\n");
    expect(m.stages.map((s) => s.instructions.map((i) => i.keyword))).toEqual([["RUN"], ["COPY", "USER"]]);
  });

  it("exposes parser directives", () => {
    const m = model("# syntax=docker/dockerfile:1\n# escape=`\nFROM alpine:3.20\n");
    expect(m.directives.get("syntax")).toBe("docker/dockerfile:1");
    expect(m.directives.get("escape")).toBe("`");
  });
});

describe("model: inheritance along FROM <stage>", () => {
  const base = 'FROM alpine:3.20 AS base\nENV APP_HOME=/app\nUSER app\nWORKDIR /srv\nENTRYPOINT ["/bin/app"]\nCMD ["serve"]\n';

  it("inherits USER, WORKDIR, ENTRYPOINT, CMD and ENV", () => {
    const m = model(`${base}FROM base AS final\n`);
    const final = m.stages[1]!;
    expect(final.user?.value).toBe("app");
    expect(final.user?.node).toBe(m.stages[0]!.user?.node);
    expect(final.workdir).toBe("/srv");
    expect(final.entrypoint).toMatchObject({ form: "exec", argv: ["/bin/app"] });
    expect(final.cmd).toMatchObject({ form: "exec", argv: ["serve"] });
    expect(final.env.get("APP_HOME")).toBe("/app");
  });

  it("does not inherit from an unrelated stage", () => {
    const m = model(`${base}FROM alpine:3.20\n`);
    const s = m.stages[1]!;
    expect(s.user).toBeNull();
    expect(s.workdir).toBe("/");
    expect(s.entrypoint).toBeNull();
    expect(s.cmd).toBeNull();
    expect(s.env.size).toBe(0);
  });

  it("resets an inherited CMD when the child sets ENTRYPOINT", () => {
    const m = model(`${base}FROM base\nENTRYPOINT ["/bin/other"]\n`);
    expect(m.stages[1]!.entrypoint?.argv).toEqual(["/bin/other"]);
    expect(m.stages[1]!.cmd).toBeNull();
  });

  it("keeps a CMD set in the same stage before ENTRYPOINT", () => {
    const m = model('FROM alpine:3.20\nCMD ["serve"]\nENTRYPOINT ["/bin/app"]\n');
    expect(m.stages[0]!.cmd?.argv).toEqual(["serve"]);
  });

  it("lets the child override USER and resolves WORKDIR against the inherited one", () => {
    const m = model(`${base}FROM base\nUSER root\nWORKDIR data\n`);
    expect(m.stages[1]!.user?.value).toBe("root");
    expect(m.stages[1]!.workdir).toBe("/srv/data");
    expect(m.stages[0]!.user?.value).toBe("app");
  });
});

describe("model: USER, WORKDIR, ENTRYPOINT, CMD, SHELL, COPY", () => {
  it("expands variables in USER and WORKDIR", () => {
    const m = model("FROM alpine:3.20\nARG UID=10001\nENV HOME_DIR=/home/app\nUSER ${UID}:${UID}\nWORKDIR $HOME_DIR/src\n");
    expect(m.stages[0]!.user?.value).toBe("10001:10001");
    expect(m.stages[0]!.workdir).toBe("/home/app/src");
  });

  it("normalises WORKDIR paths and strips quotes", () => {
    const m = model('FROM alpine:3.20\nWORKDIR /a/b/../c/\nWORKDIR "d"\n');
    expect(m.stages[0]!.workdir).toBe("/a/c/d");
  });

  it("reads shell-form ENTRYPOINT/CMD as words", () => {
    const m = model('FROM alpine:3.20\nENTRYPOINT /bin/app --flag "two words"\nCMD serve\n');
    expect(m.stages[0]!.entrypoint).toMatchObject({ form: "shell", argv: ["/bin/app", "--flag", "two words"] });
    expect(m.stages[0]!.cmd).toMatchObject({ form: "shell", argv: ["serve"] });
  });

  it("records SHELL", () => {
    const m = model('FROM alpine:3.20\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n');
    expect(m.stages[0]!.shell).toEqual(["/bin/bash", "-o", "pipefail", "-c"]);
  });

  // A trailing slash is kept: it tells Docker the destination is a directory.
  it("resolves COPY destinations against WORKDIR and keeps sources", () => {
    const m = model("FROM alpine:3.20\nWORKDIR /src\nCOPY go.mod go.sum ./\nCOPY --chmod=755 app /usr/local/bin/\nADD https://example.com/x.tgz rel/\n");
    const copies = m.stages[0]!.copies;
    expect(copies.map((c) => [c.keyword, c.sources, c.dest])).toEqual([
      ["COPY", ["go.mod", "go.sum"], "/src/"],
      ["COPY", ["app"], "/usr/local/bin/"],
      ["ADD", ["https://example.com/x.tgz"], "/src/rel/"],
    ]);
  });

  it("reads exec-form COPY and heredoc COPY", () => {
    const m = model('FROM alpine:3.20\nCOPY ["a b", "/dst/"]\nCOPY <<EOF /etc/conf\nkey=value\nEOF\n');
    const [json, heredoc] = m.stages[0]!.copies;
    expect(json).toMatchObject({ sources: ["a b"], dest: "/dst/", heredoc: false });
    expect(heredoc).toMatchObject({ dest: "/etc/conf", heredoc: true, sources: [] });
  });
});
