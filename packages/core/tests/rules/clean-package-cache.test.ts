import { describe, expect, it } from "vitest";
import { ids, lintWith } from "../helpers.js";
import { dockerRuleTester, rule as pluginRule } from "./tester.js";

const rule = { "clean-package-cache": "error" as const };
const found = (text: string, options?: object) =>
  lintWith(text, { "clean-package-cache": options ? ["error", options] : "error" }).messages.map((m) => `${m.messageId}@${m.line}`);

describe("clean-package-cache", () => {
  it.each([
    ["FROM debian:12\nRUN apt-get update && apt-get install -y curl\n", ["aptLists@2"]],
    // A builder stage the final stage is built FROM reaches the image.
    ["FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\n", ["aptLists@2"]],
    ["FROM debian:12 AS b\nONBUILD RUN apt update\nFROM scratch\n", ["aptLists@2"]],
    ["FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\n", ["aptLists@2"]],
    ["FROM alpine:3.20\nRUN apk add git && apk add --no-cache make\n", ["apkCache@2"]],
    ["FROM centos:7\nRUN yum install -y httpd\n", ["cleanAfter@2"]],
    ["FROM centos:7\nRUN yum clean all && yum install -y httpd\n", ["cleanAfter@2"]],
    ["FROM fedora:40\nRUN dnf install -y git && microdnf install -y tar && microdnf clean all\n", ["cleanAfter@2"]],
    ["FROM opensuse/leap:15\nRUN zypper install -y curl\n", ["cleanAfter@2"]],
    ["FROM python:3.12\nRUN pip install -r requirements.txt\n", ["pipCache@2"]],
    ["FROM python:3.12 AS a\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install flask==3.0.0\n", ["pipCache@4"]],
    ["FROM node:20\nRUN yarn install --frozen-lockfile\n", ["cleanAfter@2"]],
    ["FROM node:20\nRUN yarn cache clean && yarn install\n", ["cleanAfter@2"]],
    ["RUN apt-get update\n", ["aptLists@1"]],
  ])("reports %j", (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each([
    "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
    // Builder stages nothing is built FROM: their lists never reach the image.
    "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=build /x /x\n",
    "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\n",
    "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=tmpfs,target=/var/cache/apt apt-get update\n",
    "FROM alpine:3.20\nRUN apk add --no-cache git\n",
    "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add git\n",
    "FROM centos:7\nRUN yum install -y httpd && yum clean all\n",
    "FROM fedora:40\nRUN dnf install -y git && dnf clean all\n",
    "FROM fedora:40\nRUN microdnf install -y git && rm -rf /var/cache/yum/*\n",
    "FROM opensuse/leap:15\nRUN zypper install -y curl && zypper cc\n",
    "FROM python:3.12\nRUN pip install --no-cache-dir flask\n",
    "FROM python:3.12 AS a\nENV PIP_NO_CACHE_DIR=true\nFROM a\nRUN pip install flask\n",
    "FROM python:3.12\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n",
    "FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n",
    "FROM python:3.12\nRUN pipx install black && pipenv install\n",
    "FROM node:20\nRUN yarn install && yarn cache clean\n",
    "FROM node:20\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n",
    "FROM node:20 AS deps\nRUN yarn install\nFROM node:20-slim\nCOPY --from=deps /app /app\n",
  ])("accepts %j", (text) => {
    expect(lintWith(text, rule).messages).toEqual([]);
  });

  it("checks only the managers asked for", () => {
    expect(found("FROM x\nRUN apk add git && pip install x\n", { managers: ["pip"] })).toEqual(["pipCache@2"]);
  });

  it("spans the command", () => {
    const [m] = lintWith("FROM alpine:3\nRUN apk update && \\\n  apk add git\n", rule).messages;
    expect(m).toMatchObject({ line: 3, column: 3, endLine: 3, endColumn: 10 });
    expect(ids([m!])).toEqual(["apkCache"]);
  });
});

dockerRuleTester().run("clean-package-cache", pluginRule("clean-package-cache"), {
  valid: [
    "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
    "FROM alpine:3.20\nRUN apk add --no-cache git\n",
    { code: "FROM alpine:3.20\nRUN apk add git\n", options: [{ managers: ["apt"] }] },
  ],
  invalid: [
    { code: "FROM debian:12\nRUN apt-get update\n", errors: [{ messageId: "aptLists", data: { command: "apt-get update" }, line: 2, column: 5, endColumn: 19 }] },
    { code: "FROM fedora:40\nRUN dnf install -y git\n", errors: [{ messageId: "cleanAfter", data: { command: "dnf install", clean: "dnf clean all" } }] },
    { code: "FROM python:3.12\nRUN pip install flask\n", errors: [{ messageId: "pipCache", line: 2 }] },
  ],
});
