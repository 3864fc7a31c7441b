import { createRule } from "../create-rule.js";
import type { InstructionNode } from "../language/ast.js";
import { baseName, copyWords, isArchiveName } from "../model/instruction-words.js";
import { sections } from "../model/sections.js";
import { shellRuns } from "../model/shell-runs.js";
import type { ShellCommand } from "../model/shell.js";

type MessageIds = "useAdd";

const UNPACKERS = new Set(["unzip", "gunzip", "bunzip2", "unlzma", "unxz", "zgz", "uncompress", "zcat", "gzcat"]);

function extracts(command: ShellCommand): boolean {
  const [name, ...args] = command.argv;
  if (name === undefined) return false;
  if (UNPACKERS.has(name)) return true;
  return name === "tar" && args.some((a) => a === "--extract" || a === "--get" || (/^-[^-]/.test(a) && a.includes("x")) || /^x[a-zA-Z]*$/.test(a));
}

/**
 * Reports a local archive COPYed into the image and then unpacked by a RUN of the same stage:
 * the archive stays in the COPY layer. `ADD archive.tar.gz /dir/` unpacks it in one layer.
 */
export default createRule<[], MessageIds>({
  name: "prefer-add-to-extract",
  meta: {
    type: "suggestion",
    docs: {
      description: "Prefer ADD for local archives that a later RUN only unpacks",
      strict: true,
      equivalents: { hadolint: ["DL3010"] },
    },
    messages: {
      useAdd: "'{{archive}}' is copied, then unpacked at line {{line}}: the archive stays in this layer. Use 'ADD {{archive}} <dir>/', which unpacks it in one layer.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        const runs = new Map(shellRuns(context.sourceCode.model).filter((r) => !r.onbuild).map((r) => [r.run, r]));
        for (const section of sections(model)) {
          const archives: Array<{ node: InstructionNode; name: string; reported: boolean }> = [];
          for (const node of section.instructions) {
            if (node.keyword === "COPY" && !node.flags.some((f) => f.name === "from")) {
              const words = copyWords(node);
              if (!words) continue;
              // Copied to an archive name: that name; else each archive source by its own name.
              if (isArchiveName(words.dest)) archives.push({ node, name: baseName(words.dest), reported: false });
              else for (const s of words.sources) if (isArchiveName(s)) archives.push({ node, name: baseName(s), reported: false });
              continue;
            }
            const run = runs.get(node);
            if (!run || archives.length === 0) continue;
            for (const command of run.commands) {
              if (!extracts(command)) continue;
              const names = new Set(command.argv.slice(1).map(baseName));
              for (const a of archives) {
                if (a.reported || !names.has(a.name)) continue;
                a.reported = true;
                context.report({ loc: a.node.loc, messageId: "useAdd", data: { archive: a.name, line: String(node.loc.start.line) } });
              }
            }
          }
        }
      },
    };
  },
});
