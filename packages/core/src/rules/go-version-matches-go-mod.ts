import type { InstructionNode } from "../language/ast.js";
import { compareGoVersions, goVersionFromTag } from "../model/gomod.js";
import type { DockerfileModel, StageModel } from "../model/model.js";
import { rootStage } from "../model/analysis.js";
import { createRule } from "../create-rule.js";

type MessageIds = "olderThanGo" | "olderThanGoLegacy" | "olderThanToolchain" | "setVersion";

/**
 * Compares the Go version of every golang builder image with go.mod's `go` and `toolchain`
 * lines. Official golang images set GOTOOLCHAIN=local, so an older image fails the build
 * (`go` line) or silently builds with another Go than local builds (`toolchain` line).
 */
export default createRule<[], MessageIds>({
  name: "go-version-matches-go-mod",
  meta: {
    type: "problem",
    docs: { description: "Require the golang builder image to be at least the Go version go.mod asks for", recommended: true },
    hasSuggestions: true,
    messages: {
      olderThanGo:
        "Builder image '{{image}}' has Go {{have}}, but {{goMod}}:{{line}} says 'go {{want}}': golang images set GOTOOLCHAIN=local, so the build fails with \"go.mod requires go >= {{want}}\". Use golang {{fixVersion}} or newer.",
      olderThanGoLegacy:
        "Builder image '{{image}}' has Go {{have}}, older than {{goMod}}:{{line}} ('go {{want}}'): Go before 1.21 treats that line as advisory and fails on newer language and library features (or rejects the go.mod outright). Use golang {{fixVersion}} or newer.",
      olderThanToolchain:
        "Builder image '{{image}}' has Go {{have}}, but {{goMod}}:{{line}} says 'toolchain go{{want}}': golang images set GOTOOLCHAIN=local, so that line is ignored and the image builds with an older Go than local builds. Use golang {{fixVersion}} or newer.",
      setVersion: "Set the Go version to {{fixVersion}} ({{where}}).",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        const goMod = model.goMod;
        if (!goMod || (!goMod.go && !goMod.toolchain)) return;
        const checked = new Set<StageModel>();
        for (const stage of model.stages) {
          if (!usesModule(stage)) continue;
          const root = rootStage(stage);
          if (checked.has(root)) continue;
          checked.add(root);
          const ref = root.base;
          if (!ref || stage.image.family !== "golang" || ref.unresolved.length > 0 || !root.imageSpan) continue;
          const have = goVersionFromTag(ref.tag);
          if (!have) continue;
          // `golang:1.22` floats to the newest 1.22.x: only the minor can be too old.
          const minorOnly = /^\d+\.\d+$/.test(have);
          const older = (want: string) => (minorOnly ? compareGoVersions(have, minorOf(want)) < 0 : compareGoVersions(have, want) < 0);
          const wantGo = goMod.go && older(goMod.go) ? goMod.go : null;
          const wantToolchain = goMod.toolchain && older(goMod.toolchain) ? goMod.toolchain : null;
          if (!wantGo && !wantToolchain) continue;
          const fixVersion = [goMod.go, goMod.toolchain]
            .filter((v): v is string => v !== null)
            .reduce((a, b) => (compareGoVersions(a, b) >= 0 ? a : b));
          const data = {
            image: ref.resolved,
            have,
            goMod: goMod.path,
            want: (wantGo ?? wantToolchain)!,
            line: String((wantGo ? goMod.goLine : goMod.toolchainLine) ?? "?"),
            fixVersion,
          };
          // With a digest the tag is only a label: the digest has to change too, which we can't know.
          const edit = ref.digest ? null : findVersionEdit(model, root, have, context.sourceCode.text);
          context.report({
            loc: root.imageSpan.loc,
            // GOTOOLCHAIN and the strict go line arrived with Go 1.21.
            messageId: wantGo ? (compareGoVersions(have, "1.21rc1") < 0 ? "olderThanGoLegacy" : "olderThanGo") : "olderThanToolchain",
            data,
            suggest: edit
              ? [
                  {
                    messageId: "setVersion",
                    data: { fixVersion, where: edit.where },
                    fix: (fixer) => fixer.replaceTextRange(edit.range, fixVersion),
                  },
                ]
              : [],
          });
        }
      },
    };
  },
});

function minorOf(v: string): string {
  const m = /^(\d+\.\d+)/.exec(v);
  return m ? m[1]! : v;
}

/** `go` subcommands that don't load go.mod (or don't care about its version). */
const NO_MODULE = new Set(["version", "env", "help", "telemetry"]);

/**
 * Does the stage run a command that loads the go.mod's module with the image's own toolchain?
 * Any `go` command in the module does (build, mod download, test, generate…), and so does
 * `make` in a golang image (Makefiles of Go projects run go). Not: `go install pkg@version` and
 * `go run pkg@version` (outside the main module), or a GOTOOLCHAIN other than local/path
 * (Go downloads the toolchain go.mod asks for).
 */
function usesModule(stage: StageModel): boolean {
  for (const run of stage.runs) {
    const env = new Map(run.env);
    for (const c of run.commands) {
      if (c.argv[0] === "export" || c.argv.length === 0) {
        const words = c.argv[0] === "export" ? c.argv.slice(1) : Object.entries(c.env).map(([k, v]) => `${k}=${v}`);
        for (const w of words) {
          const eq = w.indexOf("=");
          if (eq > 0) env.set(w.slice(0, eq), w.slice(eq + 1));
        }
        continue;
      }
      const toolchain = c.env.GOTOOLCHAIN ?? env.get("GOTOOLCHAIN");
      if (toolchain !== undefined && toolchain !== "local" && toolchain !== "path") continue;
      const cmd = c.argv[0]!;
      if (cmd === "make") return true;
      if (cmd !== "go" && !cmd.endsWith("/go")) continue;
      const sub = c.argv[1];
      if (!sub || NO_MODULE.has(sub)) continue;
      if ((sub === "install" || sub === "run") && c.argv.slice(2).some((a) => !a.startsWith("-") && a.includes("@"))) continue;
      return true;
    }
  }
  return false;
}

/**
 * Where the version literal is written: in the FROM image itself, or in the default of a
 * global ARG the image reference uses (followed through ARGs that reference other ARGs).
 */
function findVersionEdit(
  model: DockerfileModel,
  stage: StageModel,
  version: string,
  text: string,
): { range: [number, number]; where: string } | null {
  const span = stage.imageSpan!;
  const firstFrom = model.ast.instructions.findIndex((n) => n.keyword === "FROM");
  const globalArgs = model.ast.instructions.slice(0, firstFrom < 0 ? 0 : firstFrom).filter((n) => n.keyword === "ARG");
  const search = (raw: string, offset: number, where: string, depth: number): { range: [number, number]; where: string } | null => {
    const tagStart = where === "image" ? tagOffset(raw) : 0;
    const at = findVersionLiteral(raw, version, tagStart);
    if (at >= 0) return { range: [offset + at, offset + at + version.length], where: where === "image" ? `image tag on line ${lineOf(text, offset)}` : where };
    if (depth > 4) return null;
    for (const m of raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
      const def = lastArgDefault(globalArgs, m[1]!);
      if (!def) continue;
      const found = search(def.value, def.offset, `default of ARG ${m[1]} on line ${def.node.loc.start.line}`, depth + 1);
      if (found) return found;
    }
    return null;
  };
  return search(span.value, span.range[0], "image", 0);
}

/** Offset where the tag starts in an image reference as written (after the last `:` past the last `/`). */
function tagOffset(raw: string): number {
  const noDigest = raw.split("@")[0]!;
  const colon = noDigest.lastIndexOf(":");
  return colon > noDigest.lastIndexOf("/") ? colon + 1 : noDigest.length;
}

/** Finds `version` as a whole version (not part of a longer one) at or after `from`. */
function findVersionLiteral(text: string, version: string, from: number): number {
  let i = text.indexOf(version, from);
  while (i >= 0) {
    const before = text[i - 1] ?? "";
    const after = text.slice(i + version.length);
    if (!/[\d.]/.test(before) && !/^(\d|\.\d|rc\d|beta\d)/.test(after)) return i;
    i = text.indexOf(version, i + 1);
  }
  return -1;
}

function lastArgDefault(args: InstructionNode[], name: string): { node: InstructionNode; value: string; offset: number } | null {
  for (let k = args.length - 1; k >= 0; k--) {
    const node = args[k]!;
    for (const word of node.argv) {
      const eq = word.value.indexOf("=");
      if (eq > 0 && word.value.slice(0, eq) === name) return { node, value: word.value.slice(eq + 1), offset: word.range[0] + eq + 1 };
    }
  }
  return null;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
