import { createRule } from "../create-rule.js";
import type { InstructionNode, Span } from "../language/ast.js";
import { imageEnvNames } from "../model/images.js";
import { parseAssignments } from "../model/model.js";
import { closestName, PROXY_ARGS, variableRefs } from "../model/variables.js";

/**
 * Instructions whose arguments the builder expands itself. RUN, CMD and ENTRYPOINT are left to
 * the shell (exec form expands nothing), and FROM is no-undefined-arg-in-from's.
 */
const EXPANDED = new Set(["ADD", "COPY", "ENV", "ARG", "WORKDIR", "USER", "EXPOSE", "LABEL", "VOLUME", "STOPSIGNAL"]);

/** The words an instruction expands: its arguments (heredoc markers aside) and its flag values. */
function expandedWords(node: InstructionNode): Span[] {
  const words: Span[] = node.argv.filter((w) => !w.value.startsWith("<<"));
  return node.keyword === "ADD" || node.keyword === "COPY" ? [...node.flags, ...words] : words;
}

export default createRule<[], "undefined">({
  name: "no-undefined-var",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow variables that no ARG or ENV defined earlier, where Docker expands them to an empty string",
      strict: true,
      equivalents: { buildkit: ["UndefinedVar"] },
    },
    messages: {
      undefined: "'${{name}}' is not defined by any earlier ARG or ENV in this stage, so it expands to an empty string.{{hint}}",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      Dockerfile() {
        const model = sourceCode.model;
        // Stage index → names defined at its end, for stages built FROM it (BuildKit passes both ARG and ENV on).
        const definedAtEnd: Array<Set<string>> = [];
        for (const stage of model.stages) {
          const inherited = stage.parent ? definedAtEnd[stage.parent.index] : undefined;
          const imageEnv = inherited ? null : imageEnvNames(stage.image);
          const defined = new Set<string>(inherited ?? imageEnv ?? []);
          definedAtEnd[stage.index] = defined;
          // A base image the table doesn't know may define any variable: nothing can be judged.
          const judge = inherited ? !definedAtEnd[stage.parent!.index]!.has("\u0000unknown") : imageEnv !== null;
          if (!judge) {
            defined.add("\u0000unknown");
            continue;
          }
          for (const node of stage.instructions) {
            if (!EXPANDED.has(node.keyword)) continue;
            const isArg = node.keyword === "ARG";
            // ARG pairs see the ones before them; ENV pairs see only what was set before the line.
            const pairs = isArg || node.keyword === "ENV" ? parseAssignments(node.args, node.keyword === "ENV") : [];
            let pairIndex = 0;
            for (const word of expandedWords(node)) {
              for (const ref of variableRefs(word.value)) {
                if (defined.has(ref.name) || PROXY_ARGS.has(ref.name)) continue;
                const suggestion = closestName(ref.name, defined);
                // A global ARG is out of scope in a stage until the stage declares it again.
                const hint = model.globalArgs.has(ref.name)
                  ? ` The ARG before FROM is not visible inside a stage: add 'ARG ${ref.name}' to this stage.`
                  : suggestion ? ` Did you mean '$${suggestion}'?` : "";
                const start = word.range[0] + ref.index;
                const end = start + 1 + ref.name.length + (word.value[ref.index + 1] === "{" ? 1 : 0);
                context.report({
                  loc: { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(end) },
                  messageId: "undefined",
                  data: { name: ref.name, hint },
                });
              }
              if (isArg && pairIndex < pairs.length) defined.add(pairs[pairIndex++]![0]);
            }
            if (node.keyword === "ENV") for (const [name] of pairs) defined.add(name);
          }
        }
      },
    };
  },
});
