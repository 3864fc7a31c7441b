import type { GoBuild } from "../model/model.js";
import { expand } from "../model/model.js";
import { chain } from "../model/analysis.js";
import { createRule } from "../create-rule.js";
import { flagNames, runSites } from "../model/packages.js";

type MessageIds = "unpinnedGoInstall";

/** `go` flags that take the next word as their value. */
const GO_VALUE_FLAGS = new Set(["-o", "-ldflags", "-gcflags", "-tags", "-mod", "-modfile", "-p", "-pkgdir", "-buildmode", "-compiler", "-asmflags", "-gccgoflags", "-installsuffix", "-toolexec", "-overlay", "-pgo", "-C", "-exec"]);

/** An exact module version: a full semver (pseudo-versions included) or a commit hash. */
const EXACT_MODULE_VERSION = /^(v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?|[0-9a-f]{7,40})$/;

/** True when `go install`/`go run` without `@version` resolves against a go.mod the stage has. */
function insideModule(build: GoBuild, modulePath: string | null, pkg: string): boolean {
  if (modulePath && (pkg === modulePath || pkg.startsWith(`${modulePath}/`))) return true;
  // `RUN --mount=type=bind,source=go.mod,…`, or the whole context bound (no source).
  for (const m of build.run.mounts) {
    if ((m.type ?? "bind") !== "bind" || m.from) continue;
    const source = m.source ?? m.src ?? ".";
    if (/(^|\/)go\.(mod|work)$/.test(source) || /^(\.\/?|\/)?$/.test(source)) return true;
  }
  for (const s of chain(build.stage)) {
    for (const copy of s.copies) {
      // The go.mod itself, or the whole build context (`COPY . .`).
      if (copy.from === null && copy.sources.some((src) => /(^|\/)go\.(mod|work)$/.test(src) || /^(\.\/?|\.\/\*|\*)$/.test(src))) return true;
    }
    if (s.runs.some((r) => r.commands.some((c) => c.argv.includes("mod") && c.argv.includes("init")))) return true;
  }
  return false;
}

/** Why a `go install`/`go run` package is not pinned, or null when it is (or is not fetched at all). */
function unpinned(build: GoBuild, pkg: string, modulePath: string | null): string | null {
  // Shell variables we cannot see, local paths, files and std packages are not fetched.
  if (pkg.includes("$") || /^[./]/.test(pkg) || pkg.endsWith(".go") || !pkg.split("/")[0]!.includes(".")) return null;
  const at = pkg.indexOf("@");
  if (at < 0) return insideModule(build, modulePath, pkg) ? null : "names no @version and no go.mod is in reach to choose one";
  const version = pkg.slice(at + 1);
  return EXACT_MODULE_VERSION.test(version) ? null : `asks for '@${version}', which is not a fixed release`;
}

/**
 * `go install pkg@latest` (or with no version outside a module) compiles whatever the module's
 * newest release is on the day of the build: two builds of one Dockerfile ship different tools.
 */
export default createRule<[], MessageIds>({
  name: "pin-go-install-version",
  meta: {
    type: "problem",
    docs: { description: "Require `go install` and `go run` of remote packages to name an exact version", recommended: true, equivalents: { hadolint: ["DL3062"] } },
    messages: {
      unpinnedGoInstall: "`go {{subcommand}} {{pkg}}` {{problem}}, so each build may compile different code. Pin a release: {{module}}@vX.Y.Z.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    return {
      Dockerfile() {
        const model = sourceCode.model;
        for (const stage of model.stages) {
          for (const build of stage.goBuilds) {
            if (build.subcommand === "build") continue;
            // `go install tool`: the go.mod `tool` lines, pinned there (Go 1.24+).
            if (build.packages.includes("tool")) continue;
            for (const raw of build.packages) {
              const pkg = expand(raw, build.env);
              const problem = unpinned(build, pkg, model.goMod?.module ?? null);
              if (problem === null) continue;
              const at = pkg.indexOf("@");
              const start = sourceCode.text.indexOf(raw, build.run.node.range[0]);
              const inNode = start >= 0 && start < build.run.node.range[1];
              context.report({
                loc: inNode ? { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(start + raw.length) } : build.run.node.loc,
                messageId: "unpinnedGoInstall",
                data: { subcommand: build.subcommand, pkg, problem, module: at >= 0 ? pkg.slice(0, at) : pkg },
              });
            }
          }
        }
        checkOtherGoFetches();
      },
    };

    /**
     * Go commands the stage model has no build for: `go get` anywhere, and `go install`/`go run`
     * in ONBUILD RUN triggers and in fragments without FROM.
     */
    function checkOtherGoFetches(): void {
      const model = sourceCode.model;
      for (const site of runSites(model)) {
        const whole = site.onbuild || !site.stage;
        for (const tool of site.tools) {
          if (tool.name !== "go") continue;
          const sub = tool.args[0];
          if (!(sub === "get" || (whole && (sub === "install" || sub === "run")))) continue;
          const rest = tool.args.slice(1);
          const packages: string[] = [];
          for (let i = 0; i < rest.length; i++) {
            const a = rest[i]!;
            if (flagNames(a).length > 0) {
              if (!a.includes("=") && GO_VALUE_FLAGS.has(a.replace(/^--/, "-"))) i++;
              continue;
            }
            packages.push(a);
            if (sub === "run") break; // program arguments follow
          }
          if (packages.includes("tool")) continue;
          for (const raw of packages) {
            const pkg = expand(raw, site.env);
            if (pkg.includes("$") || /^[./~]/.test(pkg) || pkg.endsWith(".go")) continue;
            const at = pkg.indexOf("@");
            const module = at >= 0 ? pkg.slice(0, at) : pkg;
            const version = at >= 0 ? pkg.slice(at + 1) : null;
            let problem: string;
            if (version === null) {
              // A name without a dot is a standard-library or tool name: nothing to fetch.
              if (!pkg.split("/")[0]!.includes(".")) continue;
              const mod = model.goMod?.module ?? null;
              if (mod && (pkg === mod || pkg.startsWith(`${mod}/`))) continue;
              problem = "names no @version";
            } else if (EXACT_MODULE_VERSION.test(version) || version === "none") {
              continue;
            } else {
              problem = `asks for '@${version}', which is not a fixed release`;
            }
            const start = sourceCode.text.indexOf(raw, site.node.range[0]);
            const inNode = start >= 0 && start < site.node.range[1];
            context.report({
              loc: inNode ? { start: sourceCode.getLocFromIndex(start), end: sourceCode.getLocFromIndex(start + raw.length) } : site.node.loc,
              messageId: "unpinnedGoInstall",
              data: { subcommand: sub, pkg, problem, module },
            });
          }
        }
      }
    }
  },
});
