import { describe, expect, it } from "vitest";
import { lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "prefer-apt-get": "error" as const };

describe("prefer-apt-get", () => {
  it.each([
    ["FROM debian:12\nRUN apt update && apt install -y curl\n", 2],
    ["ONBUILD RUN apt install -y curl\n", 1],
    ["FROM debian:12\nRUN apt search curl\n", 1],
  ])("reports %j", (text, count) => {
    expect(lintWith(text, rule).messages.map((m) => m.messageId)).toEqual(Array(count).fill("useAptGet"));
  });

  it.each([
    "FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-cache policy curl\n",
    "FROM debian:12\nRUN echo apt install\n",
    "FROM debian:12\nRUN xx-apt install -y gcc\n",
  ])("accepts %j", (text) => {
    expect(lintWith(text, rule).messages).toEqual([]);
  });

  it("suggests apt-get where it has the same subcommand, and points at apt", () => {
    const [install, search] = lintWith("FROM debian:12\nRUN apt install -y curl && apt search x\n", rule).messages;
    expect(install).toMatchObject({ line: 2, column: 5, endColumn: 8 });
    expect(install!.suggestions?.[0]?.fix).toEqual({ range: [19, 22], text: "apt-get" });
    expect(search!.suggestions ?? []).toEqual([]);
  });
});

dockerRuleTester().run("prefer-apt-get", pluginRule("prefer-apt-get"), {
  valid: ["FROM debian:12\nRUN apt-get install -y curl\n"],
  invalid: [
    {
      code: "FROM debian:12\nRUN apt install -y curl\n",
      errors: [{ messageId: "useAptGet", line: 2, column: 5, endColumn: 8, suggestions: [{ messageId: "replaceWithAptGet", output: "FROM debian:12\nRUN apt-get install -y curl\n" }] }],
    },
  ],
});
