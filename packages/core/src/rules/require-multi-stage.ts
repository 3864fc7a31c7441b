import type { InstructionNode } from "../language/ast.js";
import type { ExecSpec, StageModel } from "../model/model.js";
import { splitCommands, SHELLS } from "../model/shell.js";
import { createRule } from "../create-rule.js";
import { globToRegExp } from "../model/glob.js";

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

/** Runs a command through these wrappers: look at what follows them. */
const WRAPPERS = new Set(["sudo", "time", "nice", "exec", "command"]);

const base = (word: string) => word.slice(word.lastIndexOf("/") + 1);

/** The words of a simple command after wrappers, with the program's base name first. */
function program(argv: string[]): string[] {
  const at = programIndex(argv);
  // tonistiigi/xx wrappers cross-compile: `xx-go build` is `go build`.
  return at < argv.length ? [programName(argv, at), ...argv.slice(at + 1)] : [];
}

const VERSION_FLAGS = new Set(["--version", "-v", "-V", "--help"]);
/** The program names compileStep knows. */
const COMPILERS = new Set(["go", "cargo", "rustc", "gcc", "g++", "cc", "c++", "clang", "clang++", "make", "ninja", "cmake", "mvn", "mvnw", "gradle", "gradlew", "dotnet", "npm", "yarn", "pnpm"]);
const MAVEN_GOALS = /^(package|install|verify|compile|deploy)$/;
const GRADLE_TASKS = /^(build|assemble|jar|bootJar|shadowJar|installDist|nativeCompile)$/;

/** Index of the program word in argv (after wrappers). */
function programIndex(argv: string[]): number {
  let i = 0;
  while (i < argv.length && WRAPPERS.has(base(argv[i]!))) i++;
  return i;
}

/** The program's base name, tonistiigi/xx wrappers read as what they wrap (`xx-go` is `go`). */
function programName(argv: string[], at: number): string {
  const name = base(argv[at]!);
  return name.startsWith("xx-") ? name.slice(3) : name;
}

/** The first word after argv[at] that is not a flag. */
function subcommand(argv: string[], at: number): string | undefined {
  for (let i = at + 1; i < argv.length; i++) if (!argv[i]!.startsWith("-")) return argv[i];
  return undefined;
}

/** The compile step a command runs (`go build`, `cargo build` …), or null. */
export function compileStep(argv: string[]): string | null {
  // Every RUN command of every file comes here: look at the program name before copying words.
  const at = programIndex(argv);
  if (at >= argv.length) return null;
  const name = programName(argv, at);
  if (!COMPILERS.has(name)) return null;
  const rest = argv.slice(at + 1);
  const sub = subcommand(argv, at);
  switch (name) {
    case "go":
      return sub === "build" || sub === "install" || sub === "run" ? `go ${sub}` : null;
    case "cargo":
      return sub === "build" || sub === "install" || sub === "rustc" ? `cargo ${sub}` : null;
    case "rustc":
    case "gcc":
    case "g++":
    case "cc":
    case "c++":
    case "clang":
    case "clang++":
      // `rustc --version` prints; a compile names a source.
      return rest.some((w) => !w.startsWith("-")) ? name : null;
    case "make":
    case "ninja":
      return rest.some((w) => VERSION_FLAGS.has(w)) ? null : name;
    case "cmake":
      return rest.includes("--build") ? "cmake --build" : null;
    case "mvn":
    case "mvnw": {
      const goal = rest.find((w) => MAVEN_GOALS.test(w));
      return goal ? `mvn ${goal}` : null;
    }
    case "gradle":
    case "gradlew": {
      const task = rest.find((w) => GRADLE_TASKS.test(w.replace(/^:.*:/, "")));
      return task ? `gradle ${task}` : null;
    }
    case "dotnet":
      return sub === "build" || sub === "publish" ? `dotnet ${sub}` : null;
    case "npm":
    case "yarn":
    case "pnpm": {
      // `npm run build`, `yarn build`, `pnpm run build:prod`.
      const script = sub === "run" || sub === "run-script" ? rest.filter((w) => !w.startsWith("-"))[1] : name === "npm" ? undefined : sub;
      return script && /^build(\b|:|$)/.test(script) ? `${name} run ${script}` : null;
    }
    default:
      return null;
  }
}

/**
 * Package removals after a compile in the same RUN (`apk del .build-deps`, `apt-get purge
 * --auto-remove`): the pre-multi-stage way of building in one layer without keeping the compiler.
 */
function removesPackages(argv: string[]): boolean {
  const at = programIndex(argv);
  if (at >= argv.length) return false;
  const name = programName(argv, at);
  const sub = subcommand(argv, at);
  if (name === "apk") return sub === "del";
  if (name === "apt-get" || name === "apt" || name === "aptitude") return sub === "purge" || sub === "remove" || sub === "autoremove";
  if (name === "yum" || name === "dnf" || name === "microdnf" || name === "tdnf") return sub === "remove" || sub === "autoremove" || sub === "erase";
  if (name === "zypper") return sub === "remove" || sub === "rm";
  return false;
}

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
        const report = (messageId: MessageIds, data: Record<string, string>) => context.report({ loc: final.from.loc, messageId, data });

        // The image is the final stage plus every stage it is built FROM.
        const chain: StageModel[] = [];
        for (let s: StageModel | null = final; s; s = s.parent) chain.unshift(s);
        for (const stage of chain) {
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
