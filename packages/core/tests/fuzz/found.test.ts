/** Inputs the fuzzer found that broke a property; it.fails marks those still open. */
import { describe, it } from "vitest";
import { DockerLinter } from "../../src/index.js";
import { checkPositions } from "./properties.js";

describe("found by npm run fuzz", () => {
  // Seed 903170882, path 19683 (a corpus file with a CR inserted), reduced by hand. Docker reads
  // `FROM golang:1.22\rRUN …` as one line, ESLint and the engine's line index as two; the message
  // from pin-go-install-version landed at 1:33, past the end of line 1 (16 characters), because the
  // source code's getLocFromIndex split lines on \r?\n only.
  it("positions after a lone CR lie inside the file", () => {
    const text = "FROM golang:1.22\rRUN go install github.com/x/y\n";
    const linter = new DockerLinter({ extends: "strict", languageOptions: { goMod: false } });
    checkPositions("positions inside the file", text, linter.lintText(text, { filePath: "/fuzz/Dockerfile" }).messages);
  });

  // Seed 1011627006, path 7976 (a corpus file with "[" inserted in a COPY source), reduced by hand.
  // model/analysis.ts (outputMatches) and rules/valid-copy-from.ts (matchesGlob) turn the glob into
  // a RegExp without escaping "[": an unclosed one throws, and the CLI stops with an internal error.
  it("a COPY source with an unclosed [ is linted, not thrown on", () => {
    const text = "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/a[pp /app\n";
    new DockerLinter({ extends: "strict", languageOptions: { goMod: false } }).lintText(text, { filePath: "/fuzz/Dockerfile" });
  });
});
