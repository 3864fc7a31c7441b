import { describe, expect, it } from "vitest";
import { chain, descendants, rootStage, selectBuild, buildsFeeding } from "../../src/model/analysis.js";
import { compileStep, programIndex, removesPackages } from "../../src/model/commands.js";
import { trimSlash } from "../../src/model/paths.js";
import { model } from "./build.js";

const STAGES = "FROM golang:1.22 AS base\nFROM base AS build\nFROM alpine:3.20 AS other\nFROM build AS final\n";

describe("stage chains", () => {
  const m = model(STAGES);
  const [base, build, other, final] = m.stages;

  it("chain: the stage and its FROM <stage> ancestors, nearest first", () => {
    expect(chain(final!).map((s) => s.name)).toEqual(["final", "build", "base"]);
    expect(chain(other!).map((s) => s.name)).toEqual(["other"]);
  });

  it("rootStage: the stage whose FROM names an image", () => {
    expect(rootStage(final!)).toBe(base);
    expect(rootStage(other!)).toBe(other);
  });

  it("descendants: stages built on a stage, directly or not", () => {
    expect(descendants(base!, m.stages)).toEqual([build, final]);
    expect(descendants(other!, m.stages)).toEqual([]);
  });
});

describe("commands", () => {
  it.each([
    [["go", "build", "."], "go build"],
    [["nohup", "go", "build", "."], "go build"],
    [["/usr/bin/time", "-p", "go", "install", "./cmd"], "go install"],
    [["sudo", "make"], "make"],
    [["xx-go", "build"], "go build"],
    [["echo", "go", "build"], null],
    [["go", "version"], null],
    [["cargo", "build", "--release"], "cargo build"],
    [["npm", "run", "build:prod"], "npm run build:prod"],
  ])("compileStep(%j) is %j", (argv, step) => {
    expect(compileStep(argv)).toBe(step);
  });

  it("skips the same wrappers for Go builds as for compile steps", () => {
    // `nohup` used to be a wrapper for one and not the other.
    const m = model("FROM golang:1.22\nRUN nohup go build -o /out/app .\nRUN time -p go build -o /out/b .\n");
    expect(m.stages[0]!.goBuilds.map((b) => b.output)).toEqual(["/out/app", "/out/b"]);
    expect(programIndex(["nohup", "nice", "-n5", "go"])).toBe(3);
  });

  it("tells package removals", () => {
    expect(removesPackages(["apk", "del", ".build-deps"])).toBe(true);
    expect(removesPackages(["apk", "add", "gcc"])).toBe(false);
  });
});

describe("trimSlash", () => {
  it.each([
    ["/src/", "/src"],
    ["/src//", "/src"],
    ["/", "/"],
    ["src", "src"],
  ])("%s → %s", (p, expected) => expect(trimSlash(p)).toBe(expected));
});

describe("Go builds that reach the final image", () => {
  const text = [
    "FROM golang:1.22 AS build",
    "WORKDIR /src",
    "RUN go build -o /out/server ./cmd/server",
    "RUN go build -o /out/tool ./cmd/tool",
    "RUN go install golang.org/x/tools/cmd/stringer@v0.20.0",
    "FROM gcr.io/distroless/static-debian12:nonroot",
    "COPY --from=build /out/server /app/server",
    'ENTRYPOINT ["/app/server"]',
    "",
  ].join("\n");

  it("buildsFeeding: only the copied output", () => {
    expect(buildsFeeding(model(text).finalStage!).map((b) => b.output)).toEqual(["/out/server"]);
  });

  it("selectBuild: the build the final stage ships, and where it lands", () => {
    const selected = selectBuild(model(text));
    expect("build" in selected && selected.build.output).toBe("/out/server");
    expect(selected).toMatchObject({ finalPath: "/app/server" });
  });

  it("selectBuild: a folder copy, and the entry point choosing among builds", () => {
    const folder = text.replace("COPY --from=build /out/server /app/server", "COPY --from=build /out/ /app/").replace("/app/server\"]", "/app/tool\"]");
    const selected = selectBuild(model(folder));
    expect("build" in selected && selected.build.output).toBe("/out/tool");
    expect(selected).toMatchObject({ finalPath: "/app/tool" });
  });

  it("selectBuild: says why there is none", () => {
    expect(selectBuild(model("FROM alpine:3.20\n"))).toEqual({ reason: "the Dockerfile runs no go build" });
    expect(selectBuild(model("FROM golang:1.22 AS b\nRUN go build -o /out/a .\nFROM scratch\n"))).toEqual({ reason: "no go build output is copied into the final stage" });
    expect(selectBuild(model("FROM golang:1.22 AS b\nRUN go install x.io/y@v1.0.0\nFROM scratch\nCOPY --from=b /go/bin/y /y\n"))).toEqual({
      reason: "the Dockerfile runs no go build",
    });
  });
});
