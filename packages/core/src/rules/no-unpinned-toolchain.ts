import type { RuleFixer } from "@eslint/core";
import type { DockerfileModel, StageModel } from "../model/model.js";
import type { GoModFacts } from "../model/gomod.js";
import { expand } from "../model/model.js";
import type { ImageFacts, ImageRef } from "../model/images.js";
import { versionPinParts } from "../model/images.js";
import { descendants } from "../model/analysis.js";
import { createRule } from "../create-rule.js";

type Level = "minor" | "patch" | "digest";
type Options = [{ level: Level; allowBuildArgs: boolean }];
type MessageIds =
  | "missingTag"
  | "latestTag"
  | "variantOnlyTag"
  | "tooCoarse"
  | "missingDigest"
  | "versionFromBuildArg"
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

interface Problem {
  messageId: MessageIds;
  data: Record<string, string>;
  suggest?: Array<{ messageId: MessageIds; data: Record<string, string>; fix: RuleFixer }>;
}

/** What is wrong with a toolchain stage's image pin, or null when it is pinned enough. */
function imageProblem(model: DockerfileModel, stage: StageModel, ref: ImageRef, facts: ImageFacts, { level, allowBuildArgs }: Options[0]): Problem | null {
  const image = ref.resolved;
  if (ref.digest && !ref.digest.includes("$")) return null;
  if (level === "digest") return { messageId: "missingDigest", data: { image } };
  const need = versionPinParts(facts, ref)[level];

  // GOTOOLCHAIN pins the Go that builds, whatever the image's own Go is.
  if (facts.toolchain === "go") {
    const buildArgs = argsWithoutDefault(stage, model.globalArgs);
    const settings = goToolchainSettings(stage, [stage, ...descendants(stage, model.stages)]).map((v) => toolchainPin(v, buildArgs));
    if (settings.length > 0 && settings.every((p) => p.kind !== "none")) {
      const fromArgs = settings.flatMap((p) => (p.kind === "buildArg" ? p.args : []));
      const tooShort = settings.some((p) => p.kind === "version" && p.parts < need);
      if (!tooShort && (fromArgs.length === 0 || allowBuildArgs)) return null;
      if (!tooShort) {
        const args = [...new Set(fromArgs)];
        return { messageId: "versionFromBuildArg", data: { subject: "The Go toolchain GOTOOLCHAIN selects", args: args.join(", "), arg: args[0]! } };
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
  const suggest = (version: { text: string; parts: number } | null) => goModSuggestion(model.goMod, stage, ref, need, version);

  if (tag?.includes("$")) {
    // The literal part may already name the version (`1.22.3-${VARIANT}`).
    const literal = tagVersion(tag.slice(0, tag.indexOf("$")));
    if (literal && (literal.exact || literal.parts >= need)) return null;
    if (allowBuildArgs) return null;
    const names = ref.unresolved.length > 0 ? ref.unresolved : variablesIn(tag);
    return { messageId: "versionFromBuildArg", data: { subject: `The ${facts.family} version of '${ref.raw}'`, args: names.join(", "), arg: names[0] ?? "VERSION" } };
  }
  if (!tag) return { messageId: "missingTag", data, suggest: suggest(null) };
  if (tag === "latest") return { messageId: "latestTag", data, suggest: suggest(null) };
  if (need === 0) return null;
  const version = tagVersion(tag);
  if (!version) return { messageId: "variantOnlyTag", data: { ...data, tag }, suggest: suggest(null) };
  if (version.exact || version.parts >= need) return null;
  return { messageId: "tooCoarse", data: { ...data, version: version.text, moves: need === 3 ? "patch" : "feature" }, suggest: suggest(version) };
}

/** A suggestion to use go.mod's toolchain (or go) version in a golang tag, keeping the variant. */
function goModSuggestion(goMod: GoModFacts | null, stage: StageModel, ref: ImageRef, need: number, current: { text: string; parts: number } | null): NonNullable<Problem["suggest"]> {
  if (!goMod || !/(^|\/)golang$/.test(ref.repository) || ref.raw !== ref.resolved || ref.raw.includes("$")) return [];
  const which = goMod.toolchain ? "toolchain" : "go";
  const version = goMod.toolchain ?? goMod.go;
  if (!version) return [];
  const pinned = tagVersion(version);
  if (!pinned || (!pinned.exact && pinned.parts < need)) return [];
  // Stay on the release line the tag already names (`1.22` → `1.22.3`, never `1.21.5`).
  if (current && !`${version}.`.startsWith(`${current.text}.`)) return [];
  const variant = variantOf(ref.tag);
  const replacement = `${withoutTag(ref.raw)}:${version}${variant ? `-${variant}` : ""}`;
  const range = stage.imageSpan!.range;
  return [{ messageId: "pinToGoMod", data: { goMod: `${goMod.path} ${which} line`, version, replacement }, fix: (fixer) => fixer.replaceTextRange(range, replacement) }];
}

export default createRule<Options, MessageIds>({
  name: "no-unpinned-toolchain",
  meta: {
    type: "problem",
    docs: {
      description: "Require toolchain images (golang, rust, node, JDK, maven, gradle …) to name their version",
      recommended: true,
      strict: [{ level: "patch" }],
      equivalents: { hadolint: ["DL3006", "DL3007"] },
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
  create(context, [options]) {
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        for (const stage of model.stages) {
          if (!stage.base || !stage.imageSpan || stage.image.kind !== "toolchain") continue;
          const problem = imageProblem(model, stage, stage.base, stage.image, options);
          if (problem) context.report({ loc: stage.imageSpan.loc, ...problem });
        }
      },
    };
  },
});
