import { describe, expect, it } from "vitest";
import { parse, rawArgumentValues, type InstructionNode } from "../../src/language/ast.js";

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
