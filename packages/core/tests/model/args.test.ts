import { describe, expect, it } from "vitest";
import { model } from "./build.js";

describe("model: ARG resolution", () => {
  it("substitutes global ARG defaults in FROM", () => {
    const m = model("ARG GO_VERSION=1.22.3\nFROM golang:${GO_VERSION}-alpine AS build\n");
    expect(m.globalArgs.get("GO_VERSION")).toBe("1.22.3");
    expect(m.stages[0]!.base).toMatchObject({ raw: "golang:${GO_VERSION}-alpine", resolved: "golang:1.22.3-alpine", tag: "1.22.3-alpine", unresolved: [] });
  });

  it("substitutes bare $VAR as well as ${VAR}", () => {
    expect(model("ARG BASE=alpine:3.20\nFROM $BASE\n").stages[0]!.base?.resolved).toBe("alpine:3.20");
  });

  it("uses the ${X:-default} word when the ARG has no value", () => {
    expect(model("ARG TAG\nFROM alpine:${TAG:-3.20}\n").stages[0]!.base?.tag).toBe("3.20");
    expect(model("FROM alpine:${TAG:-3.20}\n").stages[0]!.base).toMatchObject({ tag: "3.20", unresolved: [] });
    expect(model("ARG TAG=3.19\nFROM alpine:${TAG:-3.20}\n").stages[0]!.base?.tag).toBe("3.19");
  });

  it("distinguishes ${X:-d} (empty counts as unset) from ${X-d}", () => {
    expect(model('ARG TAG=""\nFROM alpine:${TAG:-3.20}\n').stages[0]!.base?.tag).toBe("3.20");
    expect(model('ARG TAG=""\nFROM alpine${TAG-:3.20}\n').stages[0]!.base?.resolved).toBe("alpine");
  });

  it("leaves an ARG without default unresolved and says which", () => {
    const m = model("ARG GO_VERSION\nFROM golang:${GO_VERSION}-alpine\n");
    expect(m.globalArgs.get("GO_VERSION")).toBeNull();
    expect(m.stages[0]!.base).toMatchObject({ resolved: "golang:${GO_VERSION}-alpine", unresolved: ["GO_VERSION"] });
  });

  it("expands global ARG defaults that use earlier global ARGs", () => {
    const m = model("ARG GO=1.22\nARG IMAGE=golang:${GO}\nFROM ${IMAGE}\n");
    expect(m.stages[0]!.base?.resolved).toBe("golang:1.22");
  });

  it("re-imports a global ARG into a stage with a bare `ARG NAME`", () => {
    const m = model("ARG VERSION=1.2.3\nFROM alpine:3.20\nARG VERSION\nRUN echo $VERSION\n");
    const stage = m.stages[0]!;
    expect(stage.args.get("VERSION")).toBe("1.2.3");
    expect(stage.runs[0]!.env.get("VERSION")).toBe("1.2.3");
  });

  it("does not make a global ARG visible inside a stage without re-import", () => {
    const m = model("ARG VERSION=1.2.3\nFROM alpine:3.20\nRUN echo $VERSION\n");
    expect(m.stages[0]!.args.has("VERSION")).toBe(false);
    expect(m.stages[0]!.runs[0]!.env.has("VERSION")).toBe(false);
  });

  it("lets a stage ARG default override the global default", () => {
    const m = model("ARG V=1\nFROM alpine:3.20\nARG V=2\nRUN x\n");
    expect(m.stages[0]!.runs[0]!.env.get("V")).toBe("2");
  });

  it("keeps a stage ARG without default and without global as null", () => {
    const m = model("FROM alpine:3.20\nARG TOKEN\nRUN x\n");
    expect(m.stages[0]!.args.get("TOKEN")).toBeNull();
    expect(m.stages[0]!.runs[0]!.env.has("TOKEN")).toBe(false);
  });

  it("does not carry a stage's ARG into the next stage", () => {
    const m = model("FROM alpine:3.20 AS one\nARG X=1\nRUN a\nFROM alpine:3.20\nRUN b\n");
    expect(m.stages[0]!.runs[0]!.env.get("X")).toBe("1");
    expect(m.stages[1]!.runs[0]!.env.has("X")).toBe(false);
  });

  // BuildKit (since v0.14, moby/buildkit#5048) and the Docker docs ("Once a build argument is declared
  // or consumed in a stage, it's automatically inherited by child stages").
  it("carries a stage's ARG values along FROM <stage>", () => {
    const m = model("FROM alpine:3.20 AS one\nARG X=1\nFROM one\nRUN b\nFROM alpine:3.20\nRUN c\n");
    expect(m.stages[1]!.parent).toBe(m.stages[0]);
    expect(m.stages[1]!.runs[0]!.env.get("X")).toBe("1");
    expect(m.stages[2]!.runs[0]!.env.has("X")).toBe(false);
  });

  it("carries ENV along FROM <stage>", () => {
    const m = model("FROM alpine:3.20 AS one\nENV X=1 Y=two\nFROM one\nRUN b\n");
    expect(m.stages[1]!.env.get("X")).toBe("1");
    expect(m.stages[1]!.runs[0]!.env.get("Y")).toBe("two");
    expect(m.stages[1]!.envNames.has("X")).toBe(true);
  });

  it("does not carry ENV into an unrelated stage", () => {
    const m = model("FROM alpine:3.20 AS one\nENV X=1\nFROM alpine:3.20\nRUN b\n");
    expect(m.stages[1]!.runs[0]!.env.has("X")).toBe(false);
  });

  it("never lets an ARG override an ENV of the same name", () => {
    const m = model("FROM alpine:3.20\nENV MODE=prod\nARG MODE=dev\nRUN x\n");
    expect(m.stages[0]!.runs[0]!.env.get("MODE")).toBe("prod");
  });

  it("expands ARG and ENV values inside ENV", () => {
    const m = model("FROM alpine:3.20\nARG BASE=/opt\nENV APP=${BASE}/app PATH_EXTRA=$APP/bin\nRUN x\n");
    expect(m.stages[0]!.env.get("APP")).toBe("/opt/app");
  });

  it("reads the legacy `ENV key value with spaces` form", () => {
    const m = model("FROM alpine:3.20\nENV GREETING hello world\nRUN x\n");
    expect(m.stages[0]!.env.get("GREETING")).toBe("hello world");
  });

  it("resolves a stage name that comes from a global ARG", () => {
    const m = model("ARG BASE=build\nFROM golang:1.22 AS build\nFROM ${BASE}\n");
    expect(m.stages[1]!.parent).toBe(m.stages[0]);
    expect(m.stages[1]!.root?.repository).toBe("golang");
  });
});
