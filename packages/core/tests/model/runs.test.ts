import { describe, expect, it } from "vitest";
import { splitCommands } from "../../src/index.js";
import { commandArgv, model } from "./build.js";

const run = (body: string, prefix = "FROM alpine:3.20\n") => model(`${prefix}${body}`);

describe("model: RUN splitting", () => {
  it("splits && / || / ; / | lists and pipelines into simple commands", () => {
    expect(commandArgv(run("RUN apk add git && go mod download || true; echo done | tee /log\n"))).toEqual([
      ["apk", "add", "git"],
      ["go", "mod", "download"],
      ["true"],
      ["echo", "done"],
      ["tee", "/log"],
    ]);
  });

  it("keeps operators inside quotes and removes the quotes", () => {
    expect(commandArgv(run(`RUN echo "a && b" 'c; d' e\\"f\n`))).toEqual([["echo", "a && b", "c; d", 'e"f']]);
  });

  it("joins continuation lines", () => {
    expect(commandArgv(run("RUN apt-get update \\\n    && apt-get install -y \\\n       curl\n"))).toEqual([
      ["apt-get", "update"],
      ["apt-get", "install", "-y", "curl"],
    ]);
  });

  it("skips comment lines inside a continuation", () => {
    const m = run("RUN go mod download \\\n# fetch deps first\n  && go build -o /app . \\\n    # trailing note\n  && echo ok\n");
    expect(m.stages[0]!.runs[0]!.node.args).not.toContain("fetch deps");
    expect(commandArgv(m)).toEqual([["go", "mod", "download"], ["go", "build", "-o", "/app", "."], ["echo", "ok"]]);
  });

  it("gives each RUN the ARG and ENV values in effect at its line, and keeps a RUN's exports to itself", () => {
    const m = run("ARG V=1\nRUN export X=1 && go build -o /a .\nRUN go build -o /b .\nENV CGO_ENABLED=0\nRUN go build -o /c .\nARG V=2\nENV CGO_ENABLED=1\nRUN go build -o /d .\n");
    const runs = m.stages[0]!.runs;
    expect(runs.map((r) => [r.env.get("V"), r.env.get("CGO_ENABLED"), r.env.get("X")])).toEqual([
      ["1", undefined, undefined],
      ["1", undefined, undefined],
      ["1", "0", undefined],
      ["2", "1", undefined],
    ]);
    expect(m.stages[0]!.goBuilds.map((b) => [b.output, b.env.get("X"), b.cgo])).toEqual([
      ["/a", "1", undefined],
      ["/b", undefined, undefined],
      ["/c", undefined, "0"],
      ["/d", undefined, "1"],
    ]);
  });

  it("splits leading assignments into per-command env", () => {
    const [cmd] = run("RUN CGO_ENABLED=0 GOOS=linux go build .\n").stages[0]!.runs[0]!.commands;
    expect(cmd).toMatchObject({ env: { CGO_ENABLED: "0", GOOS: "linux" }, argv: ["go", "build", "."] });
  });

  it("folds `env A=1 cmd` into the command's env", () => {
    const [cmd] = run("RUN env CGO_ENABLED=0 GOARCH=arm64 go build .\n").stages[0]!.runs[0]!.commands;
    expect(cmd).toMatchObject({ env: { CGO_ENABLED: "0", GOARCH: "arm64" }, argv: ["go", "build", "."] });
  });

  it("keeps command substitution as one word", () => {
    expect(commandArgv(run('RUN go build -ldflags "-X main.v=$(git describe --tags)" -o /app .\n'))).toEqual([
      ["go", "build", "-ldflags", "-X main.v=$(git describe --tags)", "-o", "/app", "."],
    ]);
  });

  it("reads --mount flags into key/value maps and leaves them out of the command", () => {
    const m = run("RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=bind,source=go.mod,target=go.mod,readonly \\\n    go build -o /app .\n");
    const r = m.stages[0]!.runs[0]!;
    expect(r.mounts).toEqual([
      { type: "cache", target: "/root/.cache/go-build" },
      { type: "bind", source: "go.mod", target: "go.mod", readonly: "true" },
    ]);
    expect(r.node.flags.map((f) => f.name)).toEqual(["mount", "mount"]);
    expect(commandArgv(m)).toEqual([["go", "build", "-o", "/app", "."]]);
  });

  it("reads exec-form RUN without a shell", () => {
    const r = run('RUN ["go", "build", "-o", "/out/my app", "."]\n').stages[0]!.runs[0]!;
    expect(r.exec).toBe(true);
    expect(r.commands.map((c) => c.argv)).toEqual([["go", "build", "-o", "/out/my app", "."]]);
  });

  it("reads the script of exec-form `sh -c`", () => {
    const r = run('RUN ["/bin/sh", "-c", "go mod download && go build ./..."]\n').stages[0]!.runs[0]!;
    expect(r.exec).toBe(true);
    expect(r.commands.map((c) => c.argv)).toEqual([["go", "mod", "download"], ["go", "build", "./..."]]);
  });

  it("records the env and WORKDIR in effect when the RUN starts", () => {
    const r = run("ENV A=1\nWORKDIR /src\nRUN x\nENV B=2\n").stages[0]!.runs[0]!;
    expect([...r.env]).toEqual([["A", "1"]]);
    expect(r.workdir).toBe("/src");
  });
});

describe("model: heredocs", () => {
  it("runs a bare `RUN <<EOF` body as shell", () => {
    const m = run("RUN <<EOF\nset -e\napk add git\ngo build -o /app .\nEOF\n");
    expect(m.stages[0]!.runs[0]!.node.heredocs).toMatchObject([{ name: "EOF", content: "set -e\napk add git\ngo build -o /app ." }]);
    expect(commandArgv(m)).toEqual([["set", "-e"], ["apk", "add", "git"], ["go", "build", "-o", "/app", "."]]);
  });

  it("runs `RUN bash <<EOF` and `RUN <<-EOF sh` bodies as shell", () => {
    expect(commandArgv(run("RUN bash <<EOF\necho one && echo two\nEOF\n"))).toEqual([["echo", "one"], ["echo", "two"]]);
    expect(commandArgv(run("RUN <<-EOF sh\n\techo tabbed\n\tEOF\n"))).toEqual([["echo", "tabbed"]]);
  });

  it("does not read `RUN python3 <<EOF` bodies as shell", () => {
    const m = run("RUN python3 <<EOF\nimport os\nprint(os.getcwd())\nEOF\n");
    expect(m.stages[0]!.runs[0]!.node.heredocs[0]!.content).toContain("import os");
    expect(commandArgv(m)).toEqual([["python3"]]);
  });

  it("keeps instructions after a heredoc body", () => {
    const m = run("RUN <<EOF\necho hi\nEOF\nUSER 1000\n");
    expect(m.stages[0]!.user?.value).toBe("1000");
    expect(m.stages[0]!.instructions.map((i) => i.keyword)).toEqual(["RUN", "USER"]);
  });

  it("reads two heredocs of one instruction", () => {
    const m = run("COPY <<A <<B /dst/\nalpha\nA\nbeta\nB\n");
    expect(m.stages[0]!.copies[0]!.node.heredocs.map((h) => [h.name, h.content])).toEqual([
      ["A", "alpha"],
      ["B", "beta"],
    ]);
  });
});

describe("model: escape directive, line endings, BOM", () => {
  it("uses the backtick escape for continuations", () => {
    const m = model("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo one `\n    && echo two\n");
    expect(m.directives.get("escape")).toBe("`");
    expect(m.ast.escapeChar).toBe("`");
    expect(commandArgv(m)).toEqual([["echo", "one"], ["echo", "two"]]);
  });

  it("keeps backslashes literal in instruction words under the backtick escape", () => {
    const m = model("# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\nCOPY a `\n  C:\\dst\\\n");
    const s = m.stages[0]!;
    expect(s.copies[0]!.node.argv.map((w) => w.value)).toEqual(["a", "C:\\dst\\"]);
  });

  it("reads CRLF files like LF files", () => {
    const lf = "FROM golang:1.22 AS build\nENV CGO_ENABLED=0\nRUN go mod download \\\n  && go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n";
    const crlf = model(lf.replace(/\n/g, "\r\n"));
    expect(crlf.ast.eol).toBe("\r\n");
    expect(commandArgv(crlf)).toEqual(commandArgv(model(lf)));
    expect(crlf.stages[0]!.env.get("CGO_ENABLED")).toBe("0");
    expect(crlf.stages[0]!.goBuilds[0]!.output).toBe("/app");
    expect(crlf.stages[1]!.copies[0]!.fromStage).toBe(crlf.stages[0]);
  });

  it("reads heredoc bodies in CRLF files without carriage returns in words", () => {
    const m = model("FROM alpine:3.20\r\nRUN <<EOF\r\napk add git\r\necho done\r\nEOF\r\n");
    expect(commandArgv(m)).toEqual([["apk", "add", "git"], ["echo", "done"]]);
  });

  it("reads a file that starts with a BOM", () => {
    const m = model("\uFEFFFROM alpine:3.20 AS base\nRUN echo hi\n");
    expect(m.stages).toHaveLength(1);
    expect(m.stages[0]!.name).toBe("base");
    expect(m.stages[0]!.base?.repository).toBe("alpine");
    expect(m.stages[0]!.from.keywordSpan.range).toEqual([1, 5]);
  });
});

describe("splitCommands", () => {
  it("records each command's source text", () => {
    expect(splitCommands("a  b && c").map((c) => c.text)).toEqual(["a b", "c"]);
  });

  it("ignores shell comments", () => {
    expect(splitCommands("echo a # not && a command\necho b").map((c) => c.argv)).toEqual([["echo", "a"], ["echo", "b"]]);
  });

  it("reads a backslash that ends the text as a continuation into nothing, not as an empty word", () => {
    // A RUN whose last line ends in `\` at the end of the file (no newline after it).
    expect(splitCommands("apk add g++ \\").map((c) => c.argv)).toEqual([["apk", "add", "g++"]]);
    expect(splitCommands("a \\\\").map((c) => c.argv)).toEqual([["a", "\\"]]);
  });

  it("treats a bare assignment as a command with env only", () => {
    expect(splitCommands("X=1; go build")).toEqual([
      { env: { X: "1" }, argv: [], text: "X=1" },
      { env: {}, argv: ["go", "build"], text: "go build" },
    ]);
  });
});
