import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Parser as AstParser } from "dockerfile-ast/lib/parser.js";
import { describe, expect, it } from "vitest";
import { OffsetParser, parse, parseWith, rawArgumentValues, type InstructionNode } from "../../src/language/ast.js";

function instructions(text: string): InstructionNode[] {
  const r = parse(text);
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.ast.instructions;
}

const words = (node: InstructionNode) => node.argv.map((w) => [w.value, w.loc.start.line, w.loc.start.column, w.range[0], w.range[1]]);

describe("Instruction argv", () => {
  it("splits RUN arguments after the flags, across continuations and skipped comment lines, with locations", () => {
    const text = "FROM a\nRUN --mount=type=cache,target=/root/.cache \\\n  # a comment line\n  CGO_ENABLED=0 go build \\\n  -o /out/app ./cmd/app\n";
    const [, run] = instructions(text);
    expect(run!.flags.map((f) => [f.name, f.flagValue])).toEqual([["mount", "type=cache,target=/root/.cache"]]);
    expect(words(run!)).toEqual([
      ["CGO_ENABLED=0", 4, 3, text.indexOf("CGO_"), text.indexOf("CGO_") + 13],
      ["go", 4, 17, text.indexOf("go build"), text.indexOf("go build") + 2],
      ["build", 4, 20, text.indexOf("build"), text.indexOf("build") + 5],
      ["-o", 5, 3, text.indexOf("-o"), text.indexOf("-o") + 2],
      ["/out/app", 5, 6, text.indexOf("/out/app"), text.indexOf("/out/app") + 8],
      ["./cmd/app", 5, 15, text.indexOf("./cmd"), text.indexOf("./cmd") + 9],
    ]);
  });

  it("gives RUN the words other instructions get (quotes kept, backtick escape, heredoc opening line only)", () => {
    const [, run, cmd] = instructions('# escape=`\nFROM a\nRUN echo "a b" `\n  c\nCMD echo "a b" `\n  c\n');
    expect(run!.argv.map((w) => w.value)).toEqual(['echo', '"a b"', "c"]);
    expect(run!.argv.map((w) => w.value)).toEqual(cmd!.argv.map((w) => w.value));
    const [, heredoc] = instructions("FROM a\nRUN <<EOF bash\necho hi\nEOF\n");
    expect(heredoc!.argv.map((w) => w.value)).toEqual(["<<EOF", "bash"]);
    expect(heredoc!.heredocs).toMatchObject([{ name: "EOF", content: "echo hi" }]);
    expect(instructions("RUN\n")[0]!.argv).toEqual([]);
    expect(instructions("RUN --network=none\n")[0]!.argv).toEqual([]);
  });

  it("is a plain enumerable property: serialised, compared and assignable like any other", () => {
    const [run] = instructions("RUN go build -o /app .\n");
    expect(Object.keys(run!)).toContain("argv");
    expect(JSON.parse(JSON.stringify(run)).argv.map((w: { value: string }) => w.value)).toEqual(["go", "build", "-o", "/app", "."]);
    expect(run).toEqual(expect.objectContaining({ argv: expect.arrayContaining([expect.objectContaining({ value: "build" })]) }));
    run!.argv = [];
    expect(run!.argv).toEqual([]);
  });
});

describe("rawArgumentValues", () => {
  it("gives the values dockerfile-ast's getRawArguments() gives, on generated instructions", async () => {
    const { DockerfileParser } = await import("dockerfile-ast");
    const { TextDocument } = await import("vscode-languageserver-textdocument");
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = [" ", "\t", "\\", "`", "\n", "\r\n", "\r", "#", "<<EOF", "<<-'X'", "a", "bc", "$", "\"", "'", "  \\\n", " `\n"];
    let compared = 0;
    for (let n = 0; n < 4000; n++) {
      const escape = n % 2 === 0 ? "\\" : "`";
      let body = "";
      for (let k = Math.floor(random() * 12); k > 0; k--) body += pieces[Math.floor(random() * pieces.length)];
      const text = `${escape === "`" ? "# escape=`\n" : ""}RUN ${body}`;
      const instruction = DockerfileParser.parse(text).getInstructions()[0];
      if (!instruction) continue;
      const document = TextDocument.create("", "", 0, text);
      const keywordEnd = document.offsetAt(instruction.getInstructionRange().end);
      const end = document.offsetAt(instruction.getRange().end);
      const expected = instruction.getRawArguments().map((a) => a.getValue());
      expect([text, rawArgumentValues(text.slice(keywordEnd, end), escape)]).toEqual([text, expected]);
      compared++;
    }
    expect(compared).toBeGreaterThan(3000);
  });
});

describe("the lexer ports (OffsetParser.processInstruction / processArguments)", () => {
  /** OffsetParser with dockerfile-ast's own methods back in place. */
  class OriginalLexer extends OffsetParser {}
  const original = AstParser.prototype as unknown as Record<string, unknown>;
  Object.assign(OriginalLexer.prototype, { processInstruction: original.processInstruction, processArguments: original.processArguments });
  const same = (text: string) => expect([text, JSON.stringify(parse(text))]).toEqual([text, JSON.stringify(parseWith(OriginalLexer, text))]);

  it("are ours, not dockerfile-ast's", () => {
    expect(OffsetParser.prototype.processInstruction).not.toBe(original.processInstruction);
    expect(OriginalLexer.prototype.processInstruction).toBe(original.processInstruction);
  });

  it("give dockerfile-ast's AST on the corpus and the oracles", () => {
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
    for (const text of texts) same(text);
  });

  it("give dockerfile-ast's AST on generated text: escapes, continuations, comments, heredocs, CR/LF", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = ["RUN", "FROM", "COPY", "run", " ", "\t", "\\", "`", "\n", "\r\n", "\r", "#", "# c\n", "<<EOF", "\nEOF\n", "<<-X", "a", "bc", "$x", "\"", "'", " \\\n", " `\n", "\\ \n", "` \t\n", "\\x", "--from=a", "[\"a\"]"];
    for (let n = 0; n < 6000; n++) {
      let body = "";
      for (let k = Math.floor(random() * 16); k > 0; k--) body += pieces[Math.floor(random() * pieces.length)];
      same(n % 3 === 0 ? `# escape=\`\n${body}` : body);
    }
  });
});

describe("DockerfileSourceCode.getParent", () => {
  it("gives the root for instructions and comments, and nothing for the root or foreign nodes", async () => {
    const { DockerfileLanguage } = await import("../../src/language/language.js");
    const language = new DockerfileLanguage();
    const file = { path: "/v/Dockerfile", physicalPath: "/v/Dockerfile", body: "# hi\nFROM a\nRUN b\n", bom: false };
    const parsed = language.parse(file as never);
    const sourceCode = language.createSourceCode(file as never, parsed as never, { languageOptions: { goMod: false } });
    const root = sourceCode.ast;
    expect(root.body.map((n) => sourceCode.getParent(n))).toEqual([root, root, root]);
    expect(sourceCode.getParent(root)).toBeUndefined();
    expect(sourceCode.getParent(parse("FROM a\n").ok ? (parse("FROM a\n") as { ast: typeof root }).ast.body[0]! : root)).toBeUndefined();
  });
});
