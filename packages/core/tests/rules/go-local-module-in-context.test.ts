import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DockerLinter } from "../../src/index.js";
import { dockerRuleTester, rule } from "./tester.js";

const ID = "go-local-module-in-context";
const mod = (replaces: string) => `module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\n${replaces}\n`;
const UP = mod("replace example.com/lib => ../lib");
const INSIDE = mod("replace example.com/lib => ./lib");
const BLOCK = mod("replace (\n\texample.com/other v1.0.0 => example.com/fork v1.0.1\n\texample.com/lib => ./libs/lib // local\n)");
const WORK = "go 1.22\n\nuse (\n\t.\n\t./lib\n)\n";
const opts = (goMod: string, extra: Record<string, unknown> = {}) => ({ languageOptions: { goMod, ...extra } });

dockerRuleTester().run(ID, rule(ID), {
  valid: [
    // The whole context is copied: ./lib comes with it.
    { code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n", ...opts(INSIDE) },
    // The replacement's go.mod is copied before go mod download, the rest after.
    {
      code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nCOPY lib/go.mod lib/go.sum ./lib/\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n",
      ...opts(INSIDE),
    },
    // Block form, copied to the exact file path.
    { code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.mod ./\nCOPY libs/lib/go.mod libs/lib/go.mod\nRUN go mod download\n", ...opts(BLOCK) },
    // A module path on the right of => is fetched, not read from disk.
    { code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\n", ...opts(mod("replace example.com/lib => example.com/fork v1.2.3")) },
    // Vendored builds read vendor/.
    { code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.mod ./\nCOPY vendor/ vendor/\nRUN go build -mod=vendor -o /out/app .\n", ...opts(UP) },
    { code: "FROM golang:1.26 AS build\nENV GOFLAGS=-mod=vendor\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n", ...opts(UP) },
    // The folder comes from another stage or image.
    { code: "FROM golang:1.26 AS build\nCOPY --from=libsrc /lib /lib\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n", ...opts(UP) },
    // An earlier RUN makes it.
    { code: "FROM golang:1.26 AS build\nRUN git clone https://example.com/lib.git /lib\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n", ...opts(UP) },
    // This go.mod does not land where the go command runs: another module, or another build context.
    { code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY svc/go.mod ./\nRUN go mod download\n", ...opts(UP) },
    { code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nWORKDIR /src/tools\nRUN go build -o /out/tool .\n", ...opts(UP) },
    // No go.mod known.
    { code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n" },
    // go.work in the context but not copied: the image builds the module alone.
    { code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\n", ...opts(mod(""), { goWork: WORK }) },
    // go.work copied, but turned off.
    { code: "FROM golang:1.26 AS build\nENV GOWORK=off\nWORKDIR /src\nCOPY go.work go.mod ./\nRUN go build -o /out/app .\n", ...opts(mod(""), { goWork: WORK }) },
    // go.work and its members copied.
    { code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.work go.mod ./\nCOPY lib/ lib/\nRUN go build -o /out/app .\n", ...opts(mod(""), { goWork: WORK }) },
    // The parent stage copied it.
    { code: "FROM golang:1.26 AS deps\nWORKDIR /src\nCOPY go.mod ./\nCOPY lib/go.mod lib/\nRUN go mod download\nFROM deps AS build\nRUN go build -o /out/app .\n", ...opts(INSIDE) },
    // A bind mount of the context is a copy for that RUN.
    { code: "FROM golang:1.26 AS build\nWORKDIR /src\nRUN --mount=type=bind,target=. go build -o /out/app .\n", ...opts(INSIDE) },
  ],
  invalid: [
    {
      // The folder is outside the build context: go mod download is the first to fail, and the only one reported.
      code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n",
      ...opts(UP),
      errors: [
        {
          messageId: "outside",
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 20,
          data: { file: "go.mod", line: "7", what: "replaces example.com/lib with ../lib", command: "go mod download", dest: "/lib" },
        },
      ],
    },
    {
      code: "FROM golang:1.26 AS build\nWORKDIR /src\nRUN --mount=type=bind,target=. go build -o /out/app .\n",
      ...opts(UP),
      errors: [{ messageId: "outside", line: 3, column: 32 }],
    },
    {
      // Inside the context, but copied only after go mod download needs it.
      code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /out/app .\n",
      ...opts(INSIDE),
      errors: [{ messageId: "notCopied", line: 4, data: { file: "go.mod", line: "7", what: "replaces example.com/lib with ./lib", source: "lib/", dest: "/src/lib", command: "go mod download" } }],
    },
    {
      // Block form; only the sources of the service are copied.
      code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.mod ./\nCOPY cmd/ cmd/\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app\n",
      ...opts(BLOCK),
      errors: [{ messageId: "notCopied", line: 5, column: 19, data: { file: "go.mod", line: "9", what: "replaces example.com/lib with ./libs/lib", source: "libs/lib/", dest: "/src/libs/lib", command: "go build" } }],
    },
    {
      // Copied to the wrong place: ./lib from /src/app is /src/app/lib.
      code: "FROM golang:1.26 AS build\nWORKDIR /src/app\nCOPY go.mod ./\nCOPY lib/ /src/lib/\nRUN go mod download\n",
      ...opts(INSIDE),
      errors: [{ messageId: "notCopied", data: { file: "go.mod", line: "7", what: "replaces example.com/lib with ./lib", source: "lib/", dest: "/src/app/lib", command: "go mod download" } }],
    },
    {
      code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n",
      ...opts(INSIDE, { dockerignore: "lib\n" }),
      errors: [{ messageId: "ignored", data: { file: "go.mod", line: "7", what: "replaces example.com/lib with ./lib", ignoreFile: ".dockerignore", source: "lib/", dest: "/src/lib", command: "go build" } }],
    },
    {
      code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n",
      ...opts(mod("replace example.com/lib => /home/me/lib")),
      errors: [{ messageId: "absolute", data: { file: "go.mod", line: "7", what: "replaces example.com/lib with /home/me/lib", dest: "/home/me/lib", command: "go build" } }],
    },
    {
      // go.work copied without its member.
      code: "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.work go.mod ./\nRUN go build -o /out/app .\n",
      ...opts(mod(""), { goWork: WORK }),
      errors: [{ messageId: "notCopied", line: 4, data: { file: "go.work", line: "5", what: "uses ./lib", source: "lib/", dest: "/src/lib", command: "go build" } }],
    },
    {
      // Two builder stages, two failures.
      code: "FROM golang:1.26 AS a\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\nFROM golang:1.26 AS b\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\n",
      ...opts(UP),
      errors: [{ messageId: "outside", line: 4 }, { messageId: "outside", line: 8 }],
    },
  ],
});

describe("go-local-module-in-context with go.mod and go.work read from disk", () => {
  const root = mkdtempSync(path.join(tmpdir(), "g17-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  mkdirSync(path.join(root, ".git"));
  write("svc/go.mod", mod("replace example.com/lib => ../lib"));
  write("lib/go.mod", "module example.com/lib\n\ngo 1.22\n");
  write("work/go.work", "go 1.22\n\nuse (\n\t./svc\n\t./lib\n)\n");
  write("work/svc/go.mod", mod(""));
  const lint = (dockerfile: string, text: string, buildContext?: string) =>
    new DockerLinter({ extends: "none", rules: { [ID]: "error" }, languageOptions: buildContext ? { buildContext } : {} })
      .lintText(text, { filePath: path.join(root, dockerfile) })
      .messages.map((m) => `${m.line}:${m.messageId ?? m.message}`);

  const serviceOnly = "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\n";
  it("reports ../lib when the context is the service folder", () => {
    expect(lint("svc/Dockerfile", serviceOnly)).toEqual(["4:outside"]);
  });
  it("accepts the repository root as context when lib's go.mod lands at ../lib", () => {
    const fromRoot = "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY svc/go.mod ./\nCOPY lib/go.mod /lib/\nRUN go mod download\n";
    expect(lint("svc/Dockerfile", fromRoot, "..")).toEqual([]);
    expect(lint("svc/Dockerfile", fromRoot.replace("COPY lib/go.mod /lib/\n", ""), "..")).toEqual(["4:notCopied"]);
  });
  it("finds the go.work above the module and checks its members", () => {
    const text = "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY go.work ./\nCOPY svc/ svc/\nWORKDIR /src/svc\nRUN go build -o /out/app .\n";
    expect(lint("work/svc/Dockerfile", text, "..")).toEqual(["6:notCopied"]);
    expect(lint("work/svc/Dockerfile", text.replace("COPY svc/ svc/\n", "COPY svc/ svc/\nCOPY lib/ lib/\n"), "..")).toEqual([]);
  });
  it("stays silent when the go.mod lies outside the assumed context", () => {
    write("build/Dockerfile", "");
    write("go.mod", mod("replace example.com/lib => ../lib"));
    expect(lint("build/Dockerfile", "FROM golang:1.26 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n")).toEqual([]);
  });
});
