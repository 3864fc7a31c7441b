/**
 * What a simple command runs: the program behind wrappers (`time`, `sudo` …), and whether it
 * compiles (`go build`, `cargo build`, `make` …) or removes packages. Pure functions over argv,
 * shared by the model (Go builds) and the rules.
 */

/** Commands that run the command after them (and their own flags): look at what follows. */
export const WRAPPERS = new Set(["time", "nice", "nohup", "exec", "command", "sudo"]);

/** The last path element: `/usr/bin/go` → `go`. */
export const baseName = (word: string): string => word.slice(word.lastIndexOf("/") + 1);

/** Index in argv of the program a command runs, after wrappers and the wrappers' flags (`time -p go build`). */
export function programIndex(argv: readonly string[]): number {
  let i = 0;
  while (i < argv.length && (WRAPPERS.has(baseName(argv[i]!)) || (i > 0 && argv[i]!.startsWith("-")))) i++;
  return i;
}

/** The program's base name, tonistiigi/xx wrappers read as what they wrap (`xx-go` is `go`). */
export function programName(argv: readonly string[], at: number): string {
  const name = baseName(argv[at]!);
  return name.startsWith("xx-") ? name.slice(3) : name;
}

/** The words of a command after wrappers, with the program's name (see programName) first. */
export function program(argv: readonly string[]): string[] {
  const at = programIndex(argv);
  return at < argv.length ? [programName(argv, at), ...argv.slice(at + 1)] : [];
}

/** The first word after argv[at] that is not a flag. */
export function subcommand(argv: readonly string[], at: number): string | undefined {
  for (let i = at + 1; i < argv.length; i++) if (!argv[i]!.startsWith("-")) return argv[i];
  return undefined;
}

const VERSION_FLAGS = new Set(["--version", "-v", "-V", "--help"]);
/** The program names compileStep knows. */
const COMPILERS = new Set(["go", "cargo", "rustc", "gcc", "g++", "cc", "c++", "clang", "clang++", "make", "ninja", "cmake", "mvn", "mvnw", "gradle", "gradlew", "dotnet", "npm", "yarn", "pnpm"]);
const MAVEN_GOALS = /^(package|install|verify|compile|deploy)$/;
const GRADLE_TASKS = /^(build|assemble|jar|bootJar|shadowJar|installDist|nativeCompile)$/;

/** The compile step a command runs (`go build`, `cargo build` …), or null. */
export function compileStep(argv: readonly string[]): string | null {
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
 * Package removals (`apk del .build-deps`, `apt-get purge --auto-remove`): after a compile in the
 * same RUN, the pre-multi-stage way of building in one layer without keeping the compiler.
 */
export function removesPackages(argv: readonly string[]): boolean {
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
