import { describe, expect, it } from "vitest";
import { lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "no-zypper-dist-upgrade": "error" as const };

describe("no-zypper-dist-upgrade", () => {
  it.each([
    "FROM opensuse/leap:15\nRUN zypper dist-upgrade -y\n",
    "FROM opensuse/leap:15\nRUN zypper -n dup\n",
    "ONBUILD RUN zypper dup\n",
  ])("reports %j", (text) => {
    expect(lintWith(text, rule).messages.map((m) => m.messageId)).toEqual(["distUpgrade"]);
  });

  it.each(["FROM opensuse/leap:15\nRUN zypper -n update && zypper -n patch\n", "FROM debian:12\nRUN apt-get dist-upgrade -y\n"])("accepts %j", (text) => {
    expect(lintWith(text, rule).messages).toEqual([]);
  });

  it("spans zypper … dup", () => {
    expect(lintWith("FROM opensuse/leap:15\nRUN zypper -n dup\n", rule).messages[0]).toMatchObject({ line: 2, column: 5, endColumn: 18 });
  });
});

dockerRuleTester().run("no-zypper-dist-upgrade", pluginRule("no-zypper-dist-upgrade"), {
  valid: ["FROM opensuse/leap:15\nRUN zypper -n update\n"],
  invalid: [{ code: "FROM opensuse/leap:15\nRUN zypper dup\n", errors: [{ messageId: "distUpgrade", data: { verb: "dup" }, line: 2 }] }],
});
