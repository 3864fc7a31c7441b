import { describe, expect, it } from "vitest";
import { model } from "./build.js";

const builds = (text: string) => model(text).stages.flatMap((s) => s.goBuilds);
const one = (text: string) => {
  const all = builds(text);
  expect(all).toHaveLength(1);
  return all[0]!;
};

describe("model: Go builds", () => {
  it("reads cgo, output, trimpath, ldflags and packages", () => {
    const b = one('FROM golang:1.22 AS build\nWORKDIR /src\nRUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/app\n');
    expect(b).toMatchObject({
      subcommand: "build",
      cgo: "0",
      output: "/out/app",
      trimpath: true,
      ldflags: "-s -w",
      packages: ["./cmd/app"],
      flags: ["-trimpath", "-ldflags=-s -w"],
      workdir: "/src",
    });
    expect(b.stage.name).toBe("build");
    expect(b.command.argv[0]).toBe("go");
  });

  it("reads flag values given as separate words, and --double-dash flags", () => {
    const b = one('FROM golang:1.22\nRUN go build --trimpath -ldflags "-X main.version=1.0" -tags netgo,osusergo -o app .\n');
    expect(b).toMatchObject({ trimpath: true, ldflags: "-X main.version=1.0", tags: "netgo,osusergo", output: "/app", packages: ["."] });
  });

  it("writes `-o dir/` output to dir/<package name>", () => {
    expect(one("FROM golang:1.22\nRUN go build -o /out/ ./cmd/app\n").output).toBe("/out/app");
    expect(one("FROM golang:1.22\nWORKDIR /src/server\nRUN go build -o /out/ .\n").output).toBe("/out/server");
  });

  it("resolves a relative -o against WORKDIR and `cd`", () => {
    expect(one("FROM golang:1.22\nWORKDIR /src\nRUN go build -o bin/app ./cmd/app\n").output).toBe("/src/bin/app");
    expect(one("FROM golang:1.22\nWORKDIR /src\nRUN cd cmd/app && go build -o ../../bin/app .\n")).toMatchObject({ output: "/src/bin/app", workdir: "/src/cmd/app" });
  });

  it("expands variables in -o", () => {
    expect(one("FROM golang:1.22\nARG OUT=/dist\nRUN go build -o ${OUT}/app .\n").output).toBe("/dist/app");
  });

  it("defaults the output of `go build` to <workdir>/<package name>", () => {
    expect(one("FROM golang:1.22\nWORKDIR /src/app\nRUN go build .\n").output).toBe("/src/app/app");
    expect(one("FROM golang:1.22\nWORKDIR /src\nRUN go build ./cmd/api\n").output).toBe("/src/api");
    expect(one("FROM golang:1.22\nWORKDIR /src\nRUN go build ./...\n").output).toBeNull();
  });

  it("puts `go install` output in /go/bin, GOBIN or GOPATH/bin", () => {
    expect(one("FROM golang:1.22\nRUN go install ./cmd/x\n")).toMatchObject({ subcommand: "install", output: "/go/bin/x" });
    expect(one("FROM golang:1.22\nRUN go install github.com/acme/tool/cmd/tool@v1.2.3\n").output).toBe("/go/bin/tool");
    expect(one("FROM golang:1.22\nENV GOBIN=/usr/local/bin\nRUN go install ./cmd/x\n").output).toBe("/usr/local/bin/x");
    expect(one("FROM golang:1.22\nENV GOPATH=/gopath\nRUN go install ./cmd/x\n").output).toBe("/gopath/bin/x");
  });

  it("sees `export CGO_ENABLED=0` earlier in the same RUN", () => {
    expect(one("FROM golang:1.22\nRUN export CGO_ENABLED=0 && go build -o /app .\n").cgo).toBe("0");
    expect(one("FROM golang:1.22\nRUN export GOOS=linux CGO_ENABLED=0; go build -o /app .\n").env.get("GOOS")).toBe("linux");
  });

  it("does not carry an `export` into the next RUN", () => {
    const all = builds("FROM golang:1.22\nRUN export CGO_ENABLED=0\nRUN go build -o /app .\n");
    expect(all[0]!.cgo).toBeUndefined();
  });

  it("sees a bare assignment earlier in the same RUN", () => {
    expect(one("FROM golang:1.22\nRUN CGO_ENABLED=0; go build -o /app .\n").cgo).toBe("0");
  });

  it("sees `env CGO_ENABLED=0 go build`", () => {
    expect(one("FROM golang:1.22\nRUN env CGO_ENABLED=0 go build -o /app .\n").cgo).toBe("0");
  });

  it("sees ENV set in the stage and inherited along FROM <stage>", () => {
    expect(one("FROM golang:1.22\nENV CGO_ENABLED=0\nRUN go build -o /app .\n").cgo).toBe("0");
    const b = one("FROM golang:1.22 AS base\nENV CGO_ENABLED=0 GOFLAGS=-trimpath\nFROM base AS build\nRUN go build -o /app .\n");
    expect(b).toMatchObject({ cgo: "0", trimpath: true });
    expect(b.stage.name).toBe("build");
  });

  it("sees an ARG default, and a re-imported global ARG default", () => {
    expect(one("FROM golang:1.22\nARG CGO_ENABLED=0\nRUN go build -o /app .\n").cgo).toBe("0");
    expect(one("ARG CGO_ENABLED=0\nFROM golang:1.22\nARG CGO_ENABLED\nRUN go build -o /app .\n").cgo).toBe("0");
    expect(one("ARG CGO_ENABLED=0\nFROM golang:1.22\nRUN go build -o /app .\n").cgo).toBeUndefined();
  });

  it("lets the command's own assignment win over ENV", () => {
    expect(one("FROM golang:1.22\nENV CGO_ENABLED=1\nRUN CGO_ENABLED=0 go build -o /app .\n").cgo).toBe("0");
  });

  it("leaves cgo undefined when nothing sets it", () => {
    expect(one("FROM golang:1.22\nRUN go build -o /app .\n").cgo).toBeUndefined();
  });

  it("finds go builds in heredocs, exec form and behind --mount", () => {
    expect(one("FROM golang:1.22\nRUN <<EOF\nset -e\nCGO_ENABLED=0 go build -o /app .\nEOF\n").cgo).toBe("0");
    expect(one('FROM golang:1.22\nRUN ["go", "build", "-o", "/app", "."]\n').output).toBe("/app");
    expect(one("FROM golang:1.22\nRUN --mount=type=cache,target=/root/.cache/go-build go build -o /app .\n").run.mounts[0]!.type).toBe("cache");
  });

  it("reads `go run` packages but not the program's arguments", () => {
    expect(one("FROM golang:1.22\nRUN go run ./tools/gen -o /x\n")).toMatchObject({ subcommand: "run", packages: ["./tools/gen"] });
  });

  it("accepts a go binary given by path", () => {
    expect(one("FROM golang:1.22\nRUN /usr/local/go/bin/go build -o /app .\n").output).toBe("/app");
  });

  it("ignores other go subcommands and commands that only mention go", () => {
    expect(builds("FROM golang:1.22\nRUN go mod download && go vet ./... && echo go build\n")).toEqual([]);
  });

  it("keeps each build's own env when one RUN has several", () => {
    const all = builds("FROM golang:1.22\nRUN CGO_ENABLED=1 go build -o /a ./a && go build -o /b ./b\n");
    expect(all.map((b) => [b.output, b.cgo])).toEqual([
      ["/a", "1"],
      ["/b", undefined],
    ]);
  });
});
