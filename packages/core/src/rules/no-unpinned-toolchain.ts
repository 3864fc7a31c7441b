import type { RuleFixer } from "@eslint/core";
import type { GoBuild, StageModel } from "../model/model.js";
import { expand } from "../model/model.js";
import type { ImageFacts, ImageRef } from "../model/images.js";
import { versionPinParts } from "../model/images.js";
import { createRule } from "../create-rule.js";
import { flagNames, runSites } from "../model/packages.js";

type Level = "minor" | "patch" | "digest";
type Options = [{ level: Level; allowBuildArgs: boolean }];
type MessageIds =
  | "missingTag"
  | "latestTag"
  | "variantOnlyTag"
  | "tooCoarse"
  | "missingDigest"
  | "versionFromBuildArg"
  | "unpinnedGoInstall"
  | "pinToGoMod";

/** The leading version of a tag: `1.22.3-alpine3.20` → [1, 22, 3]; `1.23rc1` is an exact pre-release. */
function tagVersion(tag: string): { parts: number; exact: boolean; text: string; variant: string } | null {
  const m = /^v?(\d+(?:\.\d+)*)((?:rc|beta)\d+)?(?:_\d+)?(?:[-.](.*))?$/.exec(tag);
  if (!m) return null;
  return { parts: m[1]!.split(".").length, exact: m[2] !== undefined, text: m[1]! + (m[2] ?? ""), variant: m[3] ?? "" };
}

/** `golang:1-alpine` → `alpine`; `alpine3.20` → `alpine3.20`; `latest` → ``. */
function variantOf(tag: string | null): string {
  if (!tag || tag === "latest") return "";
  return tagVersion(tag)?.variant ?? tag;
}

/** The reference as written, without its tag: `docker.io/library/golang:1-alpine` → `docker.io/library/golang`. */
function withoutTag(ref: string): string {
  const at = ref.indexOf("@");
  const noDigest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = noDigest.lastIndexOf(":");
  return colon > noDigest.lastIndexOf("/") ? noDigest.slice(0, colon) : noDigest;
}

function placeholder(parts: number): string {
  return ["N", "X.Y", "X.Y.Z"][Math.max(0, Math.min(parts, 3) - 1)]!;
}

/** Names of `$VAR`/`${VAR}` references left in a string after expansion. */
function variablesIn(text: string): string[] {
  return [...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}

/** An exact module version: a full semver (pseudo-versions included) or a commit hash. */
/** `go` flags that take the next word as their value. */
const GO_VALUE_FLAGS = new Set(["-o", "-ldflags", "-gcflags", "-tags", "-mod", "-modfile", "-p", "-pkgdir", "-buildmode", "-compiler", "-asmflags", "-gccgoflags", "-installsuffix", "-toolexec", "-overlay", "-pgo", "-C", "-exec"]);

const EXACT_MODULE_VERSION = /^(v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?|[0-9a-f]{7,40})$/;

type ToolchainPin = { kind: "version"; parts: number } | { kind: "computed" } | { kind: "buildArg"; args: string[] } | { kind: "none" };

/**
 * What a GOTOOLCHAIN value pins: `go1.22.3` (or `go1.22.3+auto`) names a version; a value built
 * from a declared ARG without default depends on the build; `$(cat .go-version)` or a shell
 * variable is computed in the build from the repository, which pins it as well as the file does.
 */
function toolchainPin(value: string, buildArgs: Set<string>): ToolchainPin {
  const v = value.trim();
  const literal = /^go(\d+(?:\.\d+)*)((?:rc|beta)\d+)?(?:\+\w+)?$/.exec(v);
  if (literal) return { kind: "version", parts: literal[2] ? 3 : literal[1]!.split(".").length };
  if (!v.startsWith("go")) return { kind: "none" };
  if (v.includes("$(") || v.includes("`")) return { kind: "computed" };
  const vars = variablesIn(v);
  if (vars.length === 0) return { kind: "none" };
  const args = vars.filter((n) => buildArgs.has(n));
  return args.length > 0 ? { kind: "buildArg", args } : { kind: "computed" };
}

/** Stages built FROM `stage`, directly or through other stages. */
function descendants(stage: StageModel, stages: StageModel[]): StageModel[] {
  return stages.filter((s) => {
    for (let p = s.parent; p; p = p.parent) if (p === stage) return true;
    return false;
  });
}

/** Every GOTOOLCHAIN value that applies to the Go commands of this stage (and stages built on it). */
function goToolchainSettings(stage: StageModel, family: StageModel[]): string[] {
  const values: string[] = [];
  const fromEnv = stage.env.get("GOTOOLCHAIN");
  if (fromEnv !== undefined) values.push(fromEnv);
  for (const s of family) {
    for (const run of s.runs) {
      for (const c of run.commands) {
        // `go env -w GOTOOLCHAIN=go1.22.3` writes it into the go env file for later commands.
        const goIdx = c.argv.findIndex((a) => a === "go" || a.endsWith("/go"));
        if (goIdx >= 0 && c.argv[goIdx + 1] === "env" && c.argv[goIdx + 2] === "-w") {
          for (const a of c.argv.slice(goIdx + 3)) if (a.startsWith("GOTOOLCHAIN=")) values.push(expand(a.slice("GOTOOLCHAIN=".length), run.env));
        }
      }
    }
  }
  // `export GOTOOLCHAIN=…` or `GOTOOLCHAIN=… go build`: the model hands each go command its env.
  const builds = family.flatMap((s) => s.goBuilds);
  if (fromEnv === undefined && builds.length > 0 && builds.every((b) => b.env.has("GOTOOLCHAIN"))) {
    for (const b of builds) values.push(b.env.get("GOTOOLCHAIN")!);
  }
  return values;
}

/** Declared ARGs without a default value (their value comes only from `--build-arg`). */
function argsWithoutDefault(stage: StageModel, globalArgs: Map<string, string | null>): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of globalArgs) if (v === null) out.add(k);
  for (const [k, v] of stage.args) {
    if (v === null) out.add(k);
    else out.delete(k);
  }
  return out;
}

/** True when `go install`/`go run` without `@version` resolves against a go.mod the stage has. */
function insideModule(build: GoBuild, modulePath: string | null, pkg: string): boolean {
  if (modulePath && (pkg === modulePath || pkg.startsWith(`${modulePath}/`))) return true;
  // `RUN --mount=type=bind,source=go.mod,…`, or the whole context bound (no source).
  for (const m of build.run.mounts) {
    if ((m.type ?? "bind") !== "bind" || m.from) continue;
    const source = m.source ?? m.src ?? ".";
    if (/(^|\/)go\.(mod|work)$/.test(source) || /^(\.\/?|\/)?$/.test(source)) return true;
  }
  for (let s: StageModel | null = build.stage; s; s = s.parent) {
    for (const copy of s.copies) {
      // The go.mod itself, or the whole build context (`COPY . .`).
      if (copy.from === null && copy.sources.some((src) => /(^|\/)go\.(mod|work)$/.test(src) || /^(\.\/?|\.\/\*|\*)$/.test(src))) return true;
    }
    if (s.runs.some((r) => r.commands.some((c) => c.argv.includes("mod") && c.argv.includes("init")))) return true;
  }
  return false;
}

export default createRule<Options, MessageIds>({
  name: "no-unpinned-toolchain",
  meta: {
    type: "problem",
    docs: {
      description: "Require toolchain images (golang, rust, node, JDK, maven, gradle …) and `go install`/`go run` packages to name their version",
      recommended: true,
      strict: [{ level: "patch" }],
      equivalents: { hadolint: ["DL3062"] },
    },
    hasSuggestions: true,
    messages: {
      missingTag: "Toolchain image '{{image}}' has no tag, so each build may use a different {{family}} release. Pin {{wanted}} in the tag, e.g. '{{example}}'.",
      latestTag: "Toolchain image '{{image}}' uses 'latest', which moves to every new {{family}} release. Pin {{wanted}} in the tag, e.g. '{{example}}'.",
      variantOnlyTag:
        "Toolchain image '{{image}}' names only a variant ('{{tag}}'), which moves to every new {{family}} release. Pin {{wanted}} in the tag, e.g. '{{example}}'.",
      tooCoarse: "Toolchain image '{{image}}' pins only '{{version}}', a tag that moves with every {{moves}} release. Pin {{wanted}}, e.g. '{{example}}'.",
      missingDigest:
        "Toolchain image '{{image}}' is not pinned by digest, so the same tag can be rebuilt under you. Append the digest: '{{image}}@sha256:…' (see `docker buildx imagetools inspect {{image}}`).",
      versionFromBuildArg:
        "{{subject}} comes from build argument {{args}}, which has no default, so this file alone does not say which toolchain builds it. Give it a default (ARG {{arg}}=<version>), or set allowBuildArgs if every build passes it.",
      unpinnedGoInstall: "`go {{subcommand}} {{pkg}}` {{problem}}, so each build may compile different code. Pin a release: {{module}}@vX.Y.Z.",
      pinToGoMod: "Pin to the Go version from {{goMod}} ({{version}}): {{replacement}}",
    },
    schema: [
      {
        type: "object",
        properties: {
          level: { enum: ["minor", "patch", "digest"] },
          allowBuildArgs: { type: "boolean" },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ level: "minor", allowBuildArgs: false }],
  create(context, [{ level, allowBuildArgs }]) {
    const text = context.sourceCode.text;

    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        for (const stage of model.stages) {
          const ref = stage.base;
          if (ref && stage.imageSpan && stage.image.kind === "toolchain") checkImage(stage, ref, stage.image);
          checkGoInstalls(stage);
        }
        checkOtherGoFetches();

        function checkImage(stage: StageModel, ref: ImageRef, facts: ImageFacts): void {
          const loc = stage.imageSpan!.loc;
          const image = ref.resolved;
          if (ref.digest && !ref.digest.includes("$")) return;
          if (level === "digest") {
            context.report({ loc, messageId: "missingDigest", data: { image } });
            return;
          }
          const need = versionPinParts(facts, ref)[level];
          const isGo = facts.toolchain === "go";
          const buildArgs = argsWithoutDefault(stage, model.globalArgs);

          // GOTOOLCHAIN pins the Go that builds, whatever the image's own Go is.
          if (isGo) {
            const settings = goToolchainSettings(stage, [stage, ...descendants(stage, model.stages)]).map((v) => toolchainPin(v, buildArgs));
            if (settings.length > 0 && settings.every((p) => p.kind !== "none")) {
              const fromArgs = settings.flatMap((p) => (p.kind === "buildArg" ? p.args : []));
              const tooShort = settings.some((p) => p.kind === "version" && p.parts < need);
              if (!tooShort && (fromArgs.length === 0 || allowBuildArgs)) return;
              if (!tooShort) {
                const args = [...new Set(fromArgs)];
                context.report({ loc, messageId: "versionFromBuildArg", data: { subject: "The Go toolchain GOTOOLCHAIN selects", args: args.join(", "), arg: args[0]! } });
                return;
              }
            }
          }

          const tag = ref.tag;
          const data = {
            image,
            family: facts.family,
            wanted: need === 3 ? "the full version" : need === 1 ? "the major version" : "major.minor",
            example: `${withoutTag(image)}:${placeholder(need)}${variantOf(tag) ? `-${variantOf(tag)}` : ""}`,
          };
          const suggest = (version: { text: string; parts: number } | null) => goModSuggestion(stage, ref, need, version);

          if (tag?.includes("$")) {
            // The literal part may already name the version (`1.22.3-${VARIANT}`).
            const literal = tagVersion(tag.slice(0, tag.indexOf("$")));
            if (literal && (literal.exact || literal.parts >= need)) return;
            if (allowBuildArgs) return;
            const names = ref.unresolved.length > 0 ? ref.unresolved : variablesIn(tag);
            context.report({ loc, messageId: "versionFromBuildArg", data: { subject: `The ${facts.family} version of '${ref.raw}'`, args: names.join(", "), arg: names[0] ?? "VERSION" } });
            return;
          }
          if (!tag) {
            context.report({ loc, messageId: "missingTag", data, suggest: suggest(null) });
            return;
          }
          if (tag === "latest") {
            context.report({ loc, messageId: "latestTag", data, suggest: suggest(null) });
            return;
          }
          if (need === 0) return;
          const version = tagVersion(tag);
          if (!version) {
            context.report({ loc, messageId: "variantOnlyTag", data: { ...data, tag }, suggest: suggest(null) });
            return;
          }
          if (version.exact || version.parts >= need) return;
          context.report({
            loc,
            messageId: "tooCoarse",
            data: { ...data, version: version.text, moves: need === 3 ? "patch" : "feature" },
            suggest: suggest(version),
          });
        }

        /** A suggestion to use go.mod's toolchain (or go) version in a golang tag, keeping the variant. */
        function goModSuggestion(stage: StageModel, ref: ImageRef, need: number, current: { text: string; parts: number } | null) {
          const goMod = model.goMod;
          if (!goMod || !/(^|\/)golang$/.test(ref.repository) || ref.raw !== ref.resolved || ref.raw.includes("$")) return [];
          const which = goMod.toolchain ? "toolchain" : "go";
          const version = goMod.toolchain ?? goMod.go;
          if (!version) return [];
          const pinned = tagVersion(version);
          if (!pinned || (!pinned.exact && pinned.parts < need)) return [];
          // Stay on the release line the tag already names (`1.22` → `1.22.3`, never `1.21.5`).
          if (current && !(`${version}.`.startsWith(`${current.text}.`))) return [];
          const variant = variantOf(ref.tag);
          const replacement = `${withoutTag(ref.raw)}:${version}${variant ? `-${variant}` : ""}`;
          const range = stage.imageSpan!.range;
          const fix: RuleFixer = (fixer) => fixer.replaceTextRange(range, replacement);
          return [{ messageId: "pinToGoMod" as const, data: { goMod: `${goMod.path} ${which} line`, version, replacement }, fix }];
        }

        /**
         * Go commands the stage model has no build for: `go get` anywhere, and `go install`/`go run`
         * in ONBUILD RUN triggers and in fragments without FROM.
         */
        function checkOtherGoFetches(): void {
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
                const start = text.indexOf(raw, site.node.range[0]);
                const inNode = start >= 0 && start < site.node.range[1];
                context.report({
                  loc: inNode
                    ? { start: context.sourceCode.getLocFromIndex(start), end: context.sourceCode.getLocFromIndex(start + raw.length) }
                    : site.node.loc,
                  messageId: "unpinnedGoInstall",
                  data: { subcommand: sub, pkg, problem, module },
                });
              }
            }
          }
        }

        function checkGoInstalls(stage: StageModel): void {
          for (const build of stage.goBuilds) {
            if (build.subcommand === "build") continue;
          // `go install tool`: the go.mod `tool` lines, pinned there (Go 1.24+).
          if (build.packages.includes("tool")) continue;
            for (const raw of build.packages) {
              const pkg = expand(raw, build.env);
              // Shell variables we cannot see, local paths, files and std packages are not fetched.
              if (pkg.includes("$") || /^[./]/.test(pkg) || pkg.endsWith(".go") || !pkg.split("/")[0]!.includes(".")) continue;
              const at = pkg.indexOf("@");
              const module = at >= 0 ? pkg.slice(0, at) : pkg;
              const version = at >= 0 ? pkg.slice(at + 1) : null;
              let problem: string;
              if (version === null) {
                if (insideModule(build, model.goMod?.module ?? null, pkg)) continue;
                problem = "names no @version and no go.mod is in reach to choose one";
              } else if (EXACT_MODULE_VERSION.test(version)) {
                continue;
              } else {
                problem = `asks for '@${version}', which is not a fixed release`;
              }
              const start = text.indexOf(raw, build.run.node.range[0]);
              const inNode = start >= 0 && start < build.run.node.range[1];
              context.report({
                loc: inNode
                  ? { start: context.sourceCode.getLocFromIndex(start), end: context.sourceCode.getLocFromIndex(start + raw.length) }
                  : build.run.node.loc,
                messageId: "unpinnedGoInstall",
                data: { subcommand: build.subcommand, pkg, problem, module },
              });
            }
          }
        }
      },
    };
  },
});
