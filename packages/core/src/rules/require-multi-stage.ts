import type { InstructionNode } from "../language/ast.js";
import type { ExecSpec } from "../model/model.js";
import { splitCommands, SHELLS } from "../model/shell.js";
import { createRule } from "../create-rule.js";
import { globToRegExp } from "../model/glob.js";
import { chain } from "../model/analysis.js";
import { compileStep, program, removesPackages } from "../model/commands.js";

type Options = [{ ignore: string[] }];
type MessageIds = "compilesInFinalStage" | "runsThroughToolchain";

/**
 * File names that by convention hold dev, debug, test or builder images, which ship a
 * toolchain on purpose. Patterns without a `/` match the file's base name.
 */
export const DEFAULT_IGNORE = [
  "*.dev",
  "*-dev",
  "*.debug",
  "*-debug",
  "*.tilt",
  "*builder*",
  "*.binary",
  "*test*",
  "*integration*",
  "**/.devcontainer/**",
  "**/test/**",
  "**/tests/**",
  "**/e2e/**",
  "**/testdata/**",
];

/** The toolchain command a container starts with (`go run .`), or null. */
function startsThroughToolchain(entrypoint: ExecSpec | null, cmd: ExecSpec | null): { text: string; node: InstructionNode } | null {
  const specs: Array<{ argv: string[]; node: InstructionNode }> = [];
  if (entrypoint?.form === "exec") specs.push({ argv: [...entrypoint.argv, ...(cmd?.form === "exec" ? cmd.argv : [])], node: entrypoint.node });
  else if (entrypoint) specs.push({ argv: entrypoint.argv, node: entrypoint.node });
  else if (cmd) specs.push({ argv: cmd.argv, node: cmd.node });
  for (const spec of specs) {
    let commands = [spec.argv];
    // Shell form, or ["sh", "-c", "…"]: read the script's commands.
    if (spec.node.json === null) commands = splitCommands(spec.node.args).map((c) => c.argv);
    else if (SHELLS.has(spec.argv[0]!) && spec.argv[1] === "-c" && spec.argv[2]) commands = splitCommands(spec.argv[2]).map((c) => c.argv);
    for (const argv of commands) {
      const [name, ...rest] = program(argv);
      const sub = rest.find((w) => !w.startsWith("-"));
      if ((name === "go" || name === "cargo" || name === "dotnet") && sub === "run") return { text: `${name} run`, node: spec.node };
      if ((name === "mvn" || name === "mvnw") && rest.some((w) => /^(spring-boot:run|exec:java|quarkus:dev)$/.test(w))) return { text: `mvn ${rest.find((w) => w.includes(":"))}`, node: spec.node };
      if ((name === "gradle" || name === "gradlew") && rest.some((w) => w === "run" || w === "bootRun")) return { text: `gradle ${rest.find((w) => w === "run" || w === "bootRun")}`, node: spec.node };
    }
  }
  return null;
}

function matchesFile(patterns: RegExp[], basenamePatterns: RegExp[], filename: string): boolean {
  const file = filename.replace(/\\/g, "/");
  const name = file.slice(file.lastIndexOf("/") + 1);
  return basenamePatterns.some((re) => re.test(name)) || patterns.some((re) => re.test(file));
}

export default createRule<Options, MessageIds>({
  name: "require-multi-stage",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require compiling in a builder stage, not in the stage that becomes the image",
      recommended: true,
    },
    messages: {
      compilesInFinalStage:
        "{{where}} compiles (`{{step}}` on line {{line}}), so the image ships the toolchain, the sources and the build cache. Build in a separate stage (FROM <toolchain> AS build) and COPY --from=build only the output into a minimal runtime stage.",
      runsThroughToolchain:
        "The image starts the app through the toolchain (`{{step}}` on line {{line}}), so it must ship the compiler and the sources. Build the program in a builder stage and run the binary directly, e.g. ENTRYPOINT [\"/app\"].",
    },
    schema: [
      {
        type: "object",
        properties: { ignore: { type: "array", items: { type: "string" } } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ ignore: DEFAULT_IGNORE }],
  create(context, [{ ignore }]) {
    const pathPatterns = ignore.filter((g) => g.includes("/")).map(globToRegExp);
    const namePatterns = ignore.filter((g) => !g.includes("/")).map(globToRegExp);
    return {
      Dockerfile() {
        if (matchesFile(pathPatterns, namePatterns, context.filename)) return;
        const final = context.sourceCode.model.finalStage;
        if (!final) return;
        const report = (messageId: MessageIds, data: Record<string, string>) => { context.report({ loc: final.from.loc, messageId, data }); };

        // The image is the final stage plus every stage it is built FROM.
        for (const stage of chain(final).reverse()) {
          for (const run of stage.runs) {
            for (let i = 0; i < run.commands.length; i++) {
              const step = compileStep(run.commands[i]!.argv);
              if (!step) continue;
              // Build deps removed in the same layer leave no compiler behind, unless the image itself is the toolchain.
              if (stage.image.kind !== "toolchain" && run.commands.slice(i + 1).some((c) => removesPackages(c.argv))) continue;
              const where = stage === final ? "The final stage" : `Stage '${stage.name ?? stage.index}', which the final stage is built FROM,`;
              report("compilesInFinalStage", { where, step, line: String(run.node.loc.start.line) });
              return;
            }
          }
        }
        const start = startsThroughToolchain(final.entrypoint, final.cmd);
        if (start) report("runsThroughToolchain", { step: start.text, line: String(start.node.loc.start.line) });
      },
    };
  },
});
