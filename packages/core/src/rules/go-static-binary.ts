import { LineIndex, type Span } from "../language/ast.js";
import type { GoBuild } from "../model/model.js";
import { buildsFeeding, hasCCompiler } from "../model/analysis.js";
import { createRule } from "../create-rule.js";

type MessageIds = "cgoEnabled" | "cgoDefault" | "disableCgo";

/**
 * When the final image has no C library (scratch, distroless static, Chainguard static), every
 * Go binary copied into it must be static: built with cgo off, or linked with
 * `-linkmode external -extldflags -static`. Otherwise it fails to start with "no such file or
 * directory" (the dynamic loader is missing).
 */
export default createRule<[], MessageIds>({
  name: "go-static-binary",
  meta: {
    type: "problem",
    docs: { description: "Require Go binaries shipped on a libc-less base to be built with CGO_ENABLED=0", recommended: true },
    hasSuggestions: true,
    messages: {
      cgoEnabled:
        "'go {{subcommand}}' runs with CGO_ENABLED={{cgo}}, but its binary ends up in '{{image}}', which has no C library: a cgo binary fails to start there. Build with CGO_ENABLED=0, link statically (-ldflags '-linkmode external -extldflags -static'), or use a base with libc.",
      cgoDefault:
        "'go {{subcommand}}' runs in '{{builder}}', which has a C compiler, so cgo is on unless CGO_ENABLED=0; its binary ends up in '{{image}}', which has no C library, and fails to start if it links libc (net, os/user do). Set CGO_ENABLED=0 for this build.",
      disableCgo: "Set CGO_ENABLED=0 for this command.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        const final = model.finalStage;
        if (!final || final.image.libc !== "none") return;
        const image = final.root?.resolved ?? "scratch";
        const text = context.sourceCode.text;
        let lines: LineIndex | null = null;
        for (const build of buildsFeeding(final)) {
          if (staticallyLinked(build)) continue;
          const cgo = build.cgo?.trim().replace(/^["']|["']$/g, "");
          if (cgo === "0") continue;
          let messageId: MessageIds;
          if (cgo === undefined) {
            if (!hasCCompiler(build.stage)) continue;
            messageId = "cgoDefault";
          } else if (cgo === "1") messageId = "cgoEnabled";
          else continue; // `$CGO` from a build arg with no default: the build decides.
          lines ??= new LineIndex(text);
          const site = locateCommand(build, text, lines);
          context.report({
            loc: site?.span.loc ?? build.run.node.loc,
            messageId,
            data: { subcommand: build.subcommand, cgo: cgo ?? "", image, builder: build.stage.root?.resolved ?? "?" },
            suggest: site
              ? [
                  {
                    messageId: "disableCgo",
                    fix: (fixer) =>
                      site.inlineCgo ? fixer.replaceTextRange(site.inlineCgo, "CGO_ENABLED=0") : fixer.insertTextBeforeRange(site.span.range, "CGO_ENABLED=0 "),
                  },
                ]
              : [],
          });
        }
      },
    };
  },
});

/** `-ldflags '-linkmode external -extldflags "-static"'`, on the command line or in GOFLAGS. */
function staticallyLinked(build: GoBuild): boolean {
  const flags = [build.ldflags ?? "", build.env.get("GOFLAGS") ?? ""].join(" ");
  return /-linkmode[=\s]+["']?external/.test(flags) && /-extldflags[=\s]+["']?[^"']*-static/.test(flags);
}

/**
 * Finds the `go build`/`go install` words of this command in the RUN's source, and an inline
 * `CGO_ENABLED=…` assignment on the same command, for the report location and the suggestion.
 */
function locateCommand(build: GoBuild, text: string, lines: LineIndex): { span: Span; inlineCgo: [number, number] | null } | null {
  const node = build.run.node;
  const stageBuilds = build.stage.goBuilds.filter((b) => b.run.node === build.run.node);
  const nth = stageBuilds.indexOf(build);
  const source = text.slice(node.range[0], node.range[1]);
  const re = /(^|[\s;&|(`"'])((?:[^\s;&|()"'`]*\/)?(?:xx-)?go)[ \t]+(?:\\\r?\n[ \t]*)*(build|install|run)\b/g;
  let m: RegExpExecArray | null;
  let k = 0;
  while ((m = re.exec(source))) {
    if (k++ !== nth) continue;
    const start = node.range[0] + m.index + m[1]!.length;
    const end = node.range[0] + m.index + m[0].length;
    // The assignment must belong to this simple command: search back to the previous separator.
    const before = source.slice(0, m.index + m[1]!.length);
    const commandStart = lastSeparator(before);
    const head = before.slice(commandStart);
    const inline = /CGO_ENABLED=(["']?)[^\s"';&|]*\1/.exec(head);
    const inlineCgo: [number, number] | null = inline ? [node.range[0] + commandStart + inline.index, node.range[0] + commandStart + inline.index + inline[0].length] : null;
    return { span: lines.span(start, end), inlineCgo };
  }
  return null;
}

/** Offset just past the last `;`, `&`, `|`, `(` or unescaped newline: where the simple command starts. */
function lastSeparator(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === ";" || c === "&" || c === "|" || c === "(") return i + 1;
    if (c === "\n" && !/\\\r?$/.test(text.slice(Math.max(0, i - 2), i))) return i + 1;
  }
  return 0;
}
