/** Inputs for the property suite: corpus mutations, a small Dockerfile grammar, and random text. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { isDockerfileName } from "../../src/index.js";

export const CORPUS = process.env.DOCKER_LINT_CORPUS ?? "/work/shared/corpus";

/** The corpus's Dockerfiles and go.mod files (empty lists when it is absent). */
export function loadCorpus(root = CORPUS): { dockerfiles: string[]; goMods: string[] } {
  const dockerfiles: string[] = [];
  const goMods: string[] = [];
  if (!existsSync(root)) return { dockerfiles, goMods };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && st.size < 256 * 1024) {
        if (isDockerfileName(name)) dockerfiles.push(readFileSync(p, "utf8"));
        else if (name === "go.mod") goMods.push(readFileSync(p, "utf8"));
      }
    }
  };
  walk(root);
  return { dockerfiles, goMods };
}

/** Pieces that matter to a Dockerfile's syntax, for insertions and replacements. */
const TOKENS = [
  "\\", "\\\n", "`", "\n", "\r\n", "\r", " ", "\t", '"', "'", "[", "]", ",", "$", "${", "}", "${a:-", "${a:+x}", "$a",
  "#", "# escape=`\n", "# syntax=docker/dockerfile:1\n", "<<EOF", "<<-EOF", "EOF\n", "&&", "||", ";", "|", "=", "--from=build",
  "--mount=type=cache,target=/root/.cache", "--chown=1:1", "--platform=$BUILDPLATFORM", "AS", "as", "FROM", "RUN", "CMD",
  "ENTRYPOINT", "COPY", "ADD", "ENV", "ARG", "USER", "WORKDIR", "ONBUILD", "HEALTHCHECK", "SHELL", "EXPOSE", "LABEL",
  "STOPSIGNAL", "VOLUME", "MAINTAINER", "scratch", "golang:1.22", "alpine", "go build", "CGO_ENABLED=0", "go",
  "# eslint-disable-next-line", "# eslint-disable", "\u00e9", "\u2028", "\uFEFF", "\u0000", "💥",
];

export const token = fc.constantFrom(...TOKENS);

export type Mutation =
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "dropLine"; line: number }
  | { kind: "repeatLine"; line: number }
  | { kind: "swapLines"; a: number; b: number }
  | { kind: "truncate"; at: number }
  | { kind: "crlf" };

const position = fc.nat({ max: 1_000_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: position, text: fc.oneof(token, fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant("delete" as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("dropLine" as const), line: position }),
  fc.record({ kind: fc.constant("repeatLine" as const), line: position }),
  fc.record({ kind: fc.constant("swapLines" as const), a: position, b: position }),
  fc.record({ kind: fc.constant("truncate" as const), at: position }),
  fc.constant({ kind: "crlf" as const }),
);

export function applyMutation(text: string, m: Mutation): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  const lines = text.split("\n");
  const line = (n: number) => n % lines.length;
  switch (m.kind) {
    case "insert":
      return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
    case "delete":
      return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case "dropLine":
      lines.splice(line(m.line), 1);
      return lines.join("\n");
    case "repeatLine":
      lines.splice(line(m.line), 0, lines[line(m.line)]!);
      return lines.join("\n");
    case "swapLines": {
      const a = line(m.a);
      const b = line(m.b);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join("\n");
    }
    case "truncate":
      return text.slice(0, at(m.at));
    case "crlf":
      return text.replace(/\r?\n/g, "\r\n");
  }
}

/** A corpus file (by index) with a few mutations. */
export function corpusMutation(count: number) {
  return fc.record({ file: fc.nat({ max: Math.max(0, count - 1) }), mutations: fc.array(mutation, { minLength: 0, maxLength: 4 }) });
}

const word = fc.oneof(
  token,
  fc.constantFrom("golang:1.22.5", "golang:1.21-alpine", "gcr.io/distroless/static-debian12:nonroot", "ubuntu:22.04", "build", "/app", "/src", ".", "./...", "-o", "app", "1.22", "65532:65532", "root", "8080"),
  fc.stringMatching(/^[a-zA-Z0-9_./:@=$-]{1,12}$/),
);
const words = fc.array(word, { minLength: 0, maxLength: 6 }).map((w) => w.join(" "));
const jsonArgs = fc.array(fc.oneof(word, fc.string({ maxLength: 6 })), { maxLength: 4 }).map((w) => JSON.stringify(w));
const keyword = fc.constantFrom("FROM", "RUN", "CMD", "ENTRYPOINT", "COPY", "ADD", "ENV", "ARG", "USER", "WORKDIR", "ONBUILD RUN", "HEALTHCHECK CMD", "SHELL", "EXPOSE", "LABEL", "STOPSIGNAL", "VOLUME", "from", "run", "FROBNICATE");
const instruction = fc.oneof(
  fc.tuple(keyword, fc.oneof(words, jsonArgs)).map(([k, a]) => `${k} ${a}`),
  fc.tuple(fc.constantFrom("FROM", "FROM --platform=$BUILDPLATFORM"), word, fc.option(word)).map(([k, image, name]) => `${k} ${image}${name ? ` AS ${name}` : ""}`),
  fc.tuple(words, words).map(([a, b]) => `RUN ${a} \\\n  ${b}`),
  fc.tuple(words, fc.constantFrom("EOF", "X")).map(([a, tag]) => `RUN <<${tag}\n${a}\n${tag}`),
  words.map((w) => `RUN CGO_ENABLED=0 go build ${w}`),
  words.map((w) => `# ${w}`),
  fc.constant(""),
);

/** A Dockerfile from a small grammar: instructions, continuations, heredocs, directives. */
export const grammarDockerfile = fc
  .tuple(fc.option(fc.constantFrom("# escape=`", "# syntax=docker/dockerfile:1", "# check=skip=all")), fc.array(instruction, { maxLength: 14 }), fc.constantFrom("\n", "\r\n"))
  .map(([directive, lines, eol]) => [...(directive ? [directive] : []), ...lines].join(eol) + eol);

/** Random text, weighted towards Dockerfile-ish characters. */
export const randomText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.array(fc.oneof(token, fc.string({ maxLength: 4 })), { maxLength: 60 }).map((p) => p.join("")),
);

/** go.mod sources the engine is given instead of searching the disk. */
export function goModText(corpusGoMods: string[]) {
  const made = fc
    .tuple(fc.option(fc.stringMatching(/^[a-z./]{1,20}$/)), fc.option(fc.oneof(fc.constantFrom("1.21", "1.22.5", "1.23rc1", "banana", "1."), fc.stringMatching(/^\d{1,30}(\.\d{1,30}){0,3}$/))), fc.option(fc.constantFrom("go1.23.1", "go1.22.0+auto", "local")))
    .map(([mod, go, tc]) => [mod ? `module ${mod}` : "", go ? `go ${go}` : "", tc ? `toolchain ${tc}` : ""].join("\n"));
  return corpusGoMods.length > 0 ? fc.oneof(made, fc.constantFrom(...corpusGoMods.slice(0, 50)), fc.string({ maxLength: 80 })) : fc.oneof(made, fc.string({ maxLength: 80 }));
}
