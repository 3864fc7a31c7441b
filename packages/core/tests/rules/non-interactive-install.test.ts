import { describe, expect, it } from "vitest";
import { lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "non-interactive-install": "error" as const };
const commands = (text: string, options?: object) =>
  lintWith(text, { "non-interactive-install": options ? ["error", options] : "error" }).messages.map((m) => /^`([^`]+)`/.exec(m.message)?.[1] ?? m.message);

describe("non-interactive-install", () => {
  it.each([
    ["FROM debian:12\nRUN apt-get update && apt-get install curl\n", ["apt-get install"]],
    ["FROM debian:12\nRUN apt install curl\n", ["apt install"]],
    ["FROM debian:12\nRUN apt-get -q install curl\n", ["apt-get install"]],
    ["FROM centos:7\nRUN yum groupinstall 'Development Tools'\n", ["yum groupinstall"]],
    ["FROM fedora:40\nRUN dnf install git && microdnf install tar\n", ["dnf install", "microdnf install"]],
    ["FROM opensuse/leap:15\nRUN zypper install curl && zypper rm vim\n", ["zypper install", "zypper rm"]],
    ["ONBUILD RUN apt-get install curl\n", ["apt-get install"]],
  ])("reports %j", (text, expected) => {
    expect(commands(text)).toEqual(expected);
  });

  it.each([
    "FROM debian:12\nRUN apt-get install -y curl && apt-get install --yes git && apt-get -qq install tar\n",
    "FROM debian:12\nRUN apt-get -q -q install curl && apt-get install --assume-yes git && apt-get install -q=2 x\n",
    "FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n",
    "FROM centos:7\nRUN yum install -y httpd && yum --assumeyes localinstall x.rpm\n",
    "FROM fedora:40\nRUN dnf -y install git && microdnf install -y tar\n",
    "FROM opensuse/leap:15\nRUN zypper -n install curl && zypper --non-interactive rm vim && zypper in --no-confirm x\n",
    "FROM debian:12\nRUN apt-get update\n",
  ])("accepts %j", (text) => {
    expect(lintWith(text, rule).messages).toEqual([]);
  });

  it("checks only the managers asked for", () => {
    expect(commands("FROM x\nRUN apt-get install curl && yum install tar\n", { managers: ["yum"] })).toEqual(["yum install"]);
  });

  it("spans the command and adds -y after the subcommand", () => {
    const r = lintWith("FROM debian:12\nRUN apt-get update && \\\n    apt-get install curl\n", rule, { fix: true });
    expect(r.output).toBe("FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n");
    const [m] = lintWith("FROM debian:12\nRUN apt-get update && \\\n    apt-get install curl\n", rule).messages;
    expect(m).toMatchObject({ line: 3, column: 5, endLine: 3, endColumn: 20 });
  });
});

dockerRuleTester().run("non-interactive-install", pluginRule("non-interactive-install"), {
  valid: ["FROM debian:12\nRUN apt-get install -y curl\n", "FROM fedora:40\nRUN dnf -y install git\n"],
  invalid: [
    {
      code: "FROM debian:12\nRUN apt-get install curl\n",
      output: "FROM debian:12\nRUN apt-get install -y curl\n",
      errors: [{ messageId: "missingYes", data: { command: "apt-get install", yes: "-y" }, line: 2, column: 5, endColumn: 20 }],
    },
    { code: "FROM opensuse/leap:15\nRUN zypper in curl\n", output: "FROM opensuse/leap:15\nRUN zypper in -y curl\n", errors: [{ messageId: "missingYes" }] },
  ],
});
