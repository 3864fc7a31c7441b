import { describe, expect, it } from "vitest";
import { lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "no-install-recommends": "error" as const };

describe("no-install-recommends", () => {
  it.each([
    "FROM debian:12\nRUN apt-get install -y curl\n",
    "FROM debian:12\nRUN apt install -y curl\n",
    "ONBUILD RUN apt-get install -y curl\n",
  ])("reports %j", (text) => {
    expect(lintWith(text, rule).messages.map((m) => m.messageId)).toEqual(["installsRecommends"]);
  });

  it.each([
    "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n",
    "FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n",
    "FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n",
  ])("accepts %j", (text) => {
    expect(lintWith(text, rule).messages).toEqual([]);
  });

  it("adds the flag after install", () => {
    expect(lintWith("FROM debian:12\nRUN apt-get update && apt-get install -y curl\n", rule, { fix: true }).output).toBe(
      "FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n",
    );
  });
});

dockerRuleTester().run("no-install-recommends", pluginRule("no-install-recommends"), {
  valid: ["FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n"],
  invalid: [
    {
      code: "FROM debian:12\nRUN apt-get install -y curl\n",
      output: "FROM debian:12\nRUN apt-get install --no-install-recommends -y curl\n",
      errors: [{ messageId: "installsRecommends", data: { command: "apt-get install" }, line: 2, column: 5, endColumn: 20 }],
    },
  ],
});
