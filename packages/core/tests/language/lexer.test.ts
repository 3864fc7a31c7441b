import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { TextDocument } from "vscode-languageserver-textdocument";
import { describe, expect, it } from "vitest";
import { parse } from "../../src/language/parser.js";
import type { DockerfileNode, InstructionNode } from "../../src/language/nodes.js";
import { parse as legacyParse } from "./legacy-ast.js";

/** Every Dockerfile of the corpus and the oracle cases (none when ../shared is absent). */
function sharedTexts(): string[] {
  const corpus = process.env.DOCKER_LINT_CORPUS ?? "/work/shared/corpus";
  const texts: string[] = [];
  if (existsSync(path.join(corpus, "index.json"))) {
    for (const e of JSON.parse(readFileSync(path.join(corpus, "index.json"), "utf8")) as Array<{ path: string }>) texts.push(readFileSync(path.join(corpus, e.path), "utf8"));
  }
  for (const f of ["hadolint-cases.json", "buildkit-cases.json"]) {
    const p = path.join(path.dirname(corpus), "oracles", f);
    if (existsSync(p)) for (const c of JSON.parse(readFileSync(p, "utf8")) as Array<{ dockerfile?: unknown }>) if (typeof c.dockerfile === "string") texts.push(c.dockerfile);
  }
  if (texts.length === 0) console.log("no ../shared corpus or oracles here: only generated text is compared");
  return texts;
}

/** Random texts from pieces that stress escapes, continuations, comments, heredocs and CR/LF. */
function generatedTexts(count: number): string[] {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pieces = ["RUN", "FROM", "COPY", "run", "ONBUILD RUN", "CMD", " ", "\t", "\\", "`", "\n", "\r\n", "\r", "#", "# c\n", "<<EOF", "\nEOF\n", "<<-X", "\n\tX\n", "<<'Q'", "\nQ\n", "a", "bc", "$x", "\"", "'", " \\\n", " `\n", "\\ \n", "` \t\n", "\\x", "--from=a", "[\"a\"]"];
  const texts: string[] = [];
  for (let n = 0; n < count; n++) {
    let body = "";
    for (let k = Math.floor(random() * 16); k > 0; k--) body += pieces[Math.floor(random() * pieces.length)];
    texts.push(n % 3 === 0 ? `# escape=\`\n${body}` : body);
  }
  return texts;
}

const HEREDOC_KEYWORDS = new Set(["RUN", "COPY", "ADD"]);
/** The keyword whose heredocs count: an ONBUILD's trigger, else the instruction's own. */
const heredocKeyword = (i: InstructionNode) => (i.keyword === "ONBUILD" ? (i.onbuildKeyword ?? "") : i.keyword);

function ast(text: string): DockerfileNode {
  const r = parse(text);
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.ast;
}

/**
 * The AST equals the one the parser on dockerfile-ast built, except where we follow BuildKit:
 * dockerfile-ast also reads `<<WORD` as a heredoc on CMD, ENTRYPOINT and every other instruction
 * (and then cuts its arguments at the first line); BuildKit only on RUN, COPY and ADD; and it
 * takes `# hadolint shell=x` for a directive named `hadolint`, BuildKit for a comment.
 */
const BUILDKIT_DIRECTIVE = /^[ \t]*#[ \t]*[a-zA-Z][a-zA-Z0-9]*[ \t]*=/;

/**
 * A heredoc instruction whose opening line is continued (`RUN --mount=a \` then `--mount=b <<EOF`):
 * BuildKit reads the flags and words of the whole logical line; the parser on dockerfile-ast read
 * the first physical line only.
 */
function continuedOpening(text: string, escapeChar: string, i: InstructionNode): boolean {
  if (i.heredocs.length === 0) return false;
  const firstLine = text.slice(i.range[0], i.range[1]).split(/\r\n|\r|\n/)[0]!;
  return firstLine.trimEnd().endsWith(escapeChar);
}

function expectSameAsLegacy(text: string): "same" | "buildkit" | "directive" | "continued" {
  const now = parse(text);
  const before = legacyParse(text);
  if (!now.ok || !before.ok) {
    expect([text, now.ok]).toEqual([text, before.ok]);
    return "same";
  }
  const { problems, ...rest } = now.ast;
  expect(Array.isArray(problems)).toBe(true);
  const serialise = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
  // dockerfile-ast also reads `# hadolint shell=x` or `# a-b=c` as a directive; BuildKit's name is
  // `[a-zA-Z][a-zA-Z0-9]*` alone, so such a line is a comment and ends the directives.
  const badName = before.ast.directives.findIndex((d) => !BUILDKIT_DIRECTIVE.test(text.slice(d.range[0], d.range[1])));
  if (badName >= 0) {
    const demoted = new Set(before.ast.directives.slice(badName).map((d) => d.range[0]));
    expect([text, serialise(rest.directives)]).toEqual([text, serialise(before.ast.directives.slice(0, badName))]);
    expect([text, serialise(rest.instructions)]).toEqual([text, serialise(before.ast.instructions)]);
    expect([text, serialise(rest.comments.filter((c) => !demoted.has(c.range[0])))]).toEqual([text, serialise(before.ast.comments)]);
    expect([text, rest.comments.filter((c) => demoted.has(c.range[0])).length]).toEqual([text, demoted.size]);
    return "directive";
  }
  const otherKeyword = (i: { heredocs: unknown[] } & InstructionNode) => i.heredocs.length > 0 && !HEREDOC_KEYWORDS.has(heredocKeyword(i));
  const legacyOnly = new Set(before.ast.instructions.filter((i) => otherKeyword(i as InstructionNode)).map((i) => i.range[0]));
  const continued = new Set(rest.instructions.filter((i) => continuedOpening(text, rest.escapeChar, i)).map((i) => i.range[0]));
  if (legacyOnly.size === 0 && continued.size === 0) {
    expect([text, serialise(rest)]).toEqual([text, serialise(before.ast)]);
    return "same";
  }
  const keep = (i: { range: [number, number] }) => !legacyOnly.has(i.range[0]) && !continued.has(i.range[0]);
  const instructionsNow = rest.instructions.filter(keep);
  const instructionsBefore = before.ast.instructions.filter(keep);
  expect([text, serialise(instructionsNow)]).toEqual([text, serialise(instructionsBefore)]);
  expect([text, serialise(rest.comments), serialise(rest.directives), rest.escapeChar]).toEqual([text, serialise(before.ast.comments), serialise(before.ast.directives), before.ast.escapeChar]);
  for (const i of rest.instructions.filter((i) => legacyOnly.has(i.range[0]))) expect([text, i.heredocs]).toEqual([text, []]);
  // A continued opening line changes the words read before the heredocs, never where they are.
  const beforeAt = new Map(before.ast.instructions.map((i) => [i.range[0], i]));
  for (const i of rest.instructions.filter((i) => continued.has(i.range[0]) && !legacyOnly.has(i.range[0]))) {
    const old = beforeAt.get(i.range[0]);
    expect([text, serialise(i.range), serialise(i.heredocs)]).toEqual([text, serialise(old?.range), serialise(old?.heredocs)]);
  }
  return legacyOnly.size > 0 ? "buildkit" : "continued";
}

/** Instruction boundaries and heredoc names as dockerfile-ast's own parser gives them. */
function expectDockerfileAstBoundaries(text: string): void {
  const r = parse(text);
  if (!r.ok) return;
  const document = TextDocument.create("", "", 0, text);
  const theirs = DockerfileParser.parse(text).getInstructions().map((i) => {
    const keyword = i.getKeyword();
    const names = HEREDOC_KEYWORDS.has(keyword) ? (i as unknown as { getHeredocs(): Array<{ getName(): string }> }).getHeredocs().map((h) => h.getName()) : [];
    return [document.offsetAt(i.getRange().start), document.offsetAt(i.getRange().end), document.offsetAt(i.getInstructionRange().end), keyword, names];
  });
  const ours = r.ast.instructions.map((i) => [i.range[0], i.range[1], i.keywordSpan.range[1], i.keyword, HEREDOC_KEYWORDS.has(i.keyword) ? i.heredocs.map((h) => h.name) : []]);
  expect([text, ours]).toEqual([text, theirs]);
}

describe("the lexer (differential: the parser on dockerfile-ast 0.7.1 and dockerfile-ast itself)", () => {
  it("gives the same AST on the corpus and the oracle cases", () => {
    const outcomes = sharedTexts().map(expectSameAsLegacy);
    expect(outcomes.filter((o) => o === "buildkit")).toEqual([]);
  });

  it("gives the same AST on generated text, but for heredocs BuildKit does not read", () => {
    const outcomes = generatedTexts(6000).map(expectSameAsLegacy);
    // The generator must exercise both paths (and mostly the first).
    expect(outcomes.filter((o) => o === "same").length).toBeGreaterThan(5000);
    expect(outcomes.filter((o) => o === "buildkit").length).toBeGreaterThan(50);
  });

  it("reads a first-line `# hadolint ignore=…` as a comment, not a directive named hadolint (BuildKit)", () => {
    const tree = ast("# hadolint ignore=DL3003\n# escape=`\nFROM scratch\n");
    expect(tree.directives).toEqual([]);
    expect(tree.comments.map((c) => c.value)).toEqual(["hadolint ignore=DL3003", "escape=`"]);
    expect(tree.escapeChar).toBe("\\");
    expect(ast("# check-x=1\n").directives).toEqual([]);
    expect(ast("#  check = skip=all \n").directives.map((d) => [d.name, d.value])).toEqual([["check", "skip=all"]]);
  });

  it("finds dockerfile-ast's instruction boundaries and RUN/COPY/ADD heredoc names", () => {
    for (const text of [...sharedTexts(), ...generatedTexts(3000)]) expectDockerfileAstBoundaries(text);
  });
});

describe("heredocs", () => {
  it("are read on RUN, COPY and ADD only (BuildKit), with <<-, quoted delimiters and several per line", () => {
    const [, run, copy, cmd] = ast("FROM a\nRUN <<-EOT cat <<'B'\n\techo hi\n\tEOT\nb \\\nB\nCOPY <<\"F\" /f\nx\nF\nCMD cat <<EOF\n").instructions;
    expect(run!.heredocs).toEqual([
      { name: "EOT", content: "\techo hi", contentRange: [28, 36] },
      { name: "B", content: "b \\", contentRange: [42, 45] },
    ]);
    expect(copy!.heredocs).toMatchObject([{ name: "F", content: "x" }]);
    expect(cmd!.heredocs).toEqual([]);
    expect(cmd!.args).toBe("cat <<EOF");
  });

  it("take whole body lines: a line ending with the escape character does not hide the delimiter", () => {
    const [, run, next] = ast("FROM a\nRUN <<EOF\napt-get install \\\nEOF\nUSER x\n").instructions;
    expect(run!.heredocs).toMatchObject([{ name: "EOF", content: "apt-get install \\" }]);
    expect(next!.keyword).toBe("USER");
  });

  it("follow the whole opening line: flags continued onto the next line count (BuildKit)", () => {
    // moby/buildkit's Dockerfile: `--mount=…,type=cache\` then `--mount=… <<EOT` on the next line.
    const [, run] = ast("FROM a\nRUN --mount=target=/root/.cache,type=cache\\\n    --mount=target=/go/pkg/mod,type=cache <<EOT\n  go install x@v1\nEOT\n").instructions;
    expect(run!.flags.map((f) => f.flagValue)).toEqual(["target=/root/.cache,type=cache", "target=/go/pkg/mod,type=cache"]);
    expect(run!.argv.map((w) => w.value)).toEqual(["<<EOT"]);
    expect(run!.args).toBe("<<EOT");
    expect(run!.heredocs).toMatchObject([{ name: "EOT", content: "  go install x@v1" }]);
  });

  it("end at the end of the file when the delimiter never comes", () => {
    const r = ast("FROM a\nRUN <<EOF\necho\n");
    expect(r.instructions).toHaveLength(2);
    expect(r.instructions[1]!.heredocs).toMatchObject([{ name: "EOF", content: "echo\n" }]);
  });
});
