import { describe, expect, it } from "vitest";
import { lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "pin-package-versions": "error" as const };
const pkgs = (text: string, options?: object) =>
  lintWith(text, { "pin-package-versions": options ? ["error", options] : "error" }).messages.map((m) => /`([^`]+)` in/.exec(m.message)?.[1] ?? m.message);

describe("pin-package-versions", () => {
  it.each([
    ["FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates=20230311\n", ["curl"]],
    ["FROM debian:12\nRUN apt-get install -y -t bookworm-backports curl\n", ["curl"]],
    ["FROM alpine:3.20\nRUN apk add --no-cache git make=4.4.1-r2\n", ["git"]],
    ["FROM alpine:3.20\nRUN apk add --virtual .deps gcc\n", ["gcc"]],
    ["FROM alpine:3.20\nRUN xx-apk add --no-cache gcc musl-dev\n", ["gcc", "musl-dev"]],
    ["FROM python:3.12\nRUN pip install --no-cache-dir requests flask==3.0.0\n", ["requests"]],
    ["FROM python:3.12\nRUN python3 -m pip install -i https://pypi.example/simple requests\n", ["requests"]],
    ["FROM node:20\nRUN npm install -g typescript @types/node@20.1.0 @scope/pkg\n", ["typescript", "@scope/pkg"]],
    ["FROM ruby:3\nRUN gem install bundler rake:13.0.0\n", ["bundler"]],
    ["FROM centos:7\nRUN yum install -y httpd\n", ["httpd"]],
    ["FROM fedora:40\nRUN dnf install -y git-core tar-1.34\n", ["git-core"]],
    ["FROM fedora:40\nRUN dnf module install -y nodejs\n", ["nodejs"]],
    ["FROM opensuse/leap:15\nRUN zypper install -y curl\n", ["curl"]],
    // A fragment without FROM, and an ONBUILD trigger.
    ["RUN apt-get install -y curl\n", ["curl"]],
    ["FROM debian:12\nONBUILD RUN apt-get install -y curl\n", ["curl"]],
    // ENV of another (unrelated) stage does not pin this one.
    ["FROM fedora:40 AS a\nENV v=1.2\nFROM fedora:40\nRUN dnf -y install git-core-${v}\n", ["git-core-${v}"]],
    // The file ends in a continuation: no empty package (whose search for its word never ended).
    ["FROM alpine:3.20\nRUN apk update \\\n    && apk add --no-cache g++ \\", ["g++"]],
  ])("reports %j", (text, expected) => {
    expect(pkgs(text)).toEqual(expected);
  });

  it.each([
    "FROM debian:12\nRUN apt-get install -y curl=7.88.1-10 ./local.deb\n",
    "FROM alpine:3.20\nRUN apk add --no-cache git~2.45 ./x.apk\n",
    "FROM python:3.12\nRUN pip install -r requirements.txt\n",
    "FROM python:3.12\nRUN pip install . \n",
    "FROM python:3.12\nRUN pip install -c constraints.txt requests\n",
    "FROM python:3.12\nRUN pip install git+https://github.com/a/b.git@v1.0 ./dist/x.whl 'requests>=2'\n",
    "FROM node:20\nRUN npm install\n",
    "FROM node:20\nRUN npm install git+https://github.com/a/b.git#v1 ./local x.tgz\n",
    "FROM ruby:3\nRUN gem install rails -v 7.1.0\n",
    "FROM centos:7\nRUN yum install -y openssl-1:1.1.1k gcc-c++-1.1.1 x.rpm\n",
    "FROM fedora:40\nARG V=1\nRUN dnf install -y tar-${V}\n",
    "FROM fedora:40 AS a\nENV v=1.2\nFROM a\nRUN dnf -y install git-core-${v}\n",
    "FROM fedora:40\nRUN dnf group install -y 'Development Tools'\n",
    "FROM fedora:40\nRUN dnf module install -y nodejs:20\n",
    "FROM opensuse/leap:15\nRUN zypper install -y 'curl>=8'\n",
    "FROM debian:12\nRUN echo apt-get install curl\n",
    // A list only the build knows; output redirected away.
    "FROM debian:12\nRUN apt-get install -y $DEPS $(cat deps.txt) > /dev/null\n",
  ])("accepts %j", (text) => {
    expect(lintWith(text, rule).messages).toEqual([]);
  });

  it("checks only the managers asked for", () => {
    expect(pkgs("FROM debian:12\nRUN apt-get install -y curl && pip install requests\n", { managers: ["pip"] })).toEqual(["requests"]);
  });

  it("points at the package word on its own line", () => {
    const [m] = lintWith("FROM debian:12\nRUN apt-get install -y \\\n    curl=1 \\\n    git\n", rule).messages;
    expect(m).toMatchObject({ line: 4, column: 5, endLine: 4, endColumn: 8 });
    expect(m!.message).toBe("Pin `git` in `apt-get install`: write <package>=<version> so rebuilds install the same version.");
  });
});

dockerRuleTester().run("pin-package-versions", pluginRule("pin-package-versions"), {
  valid: [
    "FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n",
    "FROM alpine:3.20\nRUN apk add --no-cache git=2.45.2-r0\n",
    "FROM python:3.12\nRUN pip install -r requirements.txt\n",
    { code: "FROM debian:12\nRUN apt-get install -y curl\n", options: [{ managers: ["apk"] }] },
  ],
  invalid: [
    {
      code: "FROM debian:12\nRUN apt-get install -y curl\n",
      errors: [{ messageId: "unpinned", data: { pkg: "curl", command: "apt-get install", how: "<package>=<version>" }, line: 2, column: 24 }],
    },
    { code: "ONBUILD RUN npm install -g typescript\n", errors: [{ messageId: "unpinned", line: 1 }] },
    { code: "FROM fedora:40\nRUN dnf module install -y nodejs\n", errors: [{ messageId: "unpinnedModule", line: 2 }] },
  ],
});
