import type { GoBuild, StageModel } from "../model/model.js";
import {
  imageName,
  isInterpreterRuntime,
  isWindowsImage,
  MINIMAL_SUGGESTIONS,
  NATIVE_TOOLCHAINS,
  type ImageFacts,
} from "../model/images.js";
import { createRule } from "../create-rule.js";
import { buildsFeeding, hasCCompiler } from "../model/analysis.js";
import { globToRegExp } from "../model/glob.js";

type Options = [{ allow: string[]; slim: "ignore" | "report" }];
type MessageIds = "toolchain" | "runtimeToolchain" | "fullOs" | "slim";

/**
 * The minimal base to suggest: static distroless when every Go binary the final stage receives
 * is built without cgo (so it needs no libc), else distroless base (glibc).
 */
function suggestionFor(final: StageModel): (typeof MINIMAL_SUGGESTIONS)[keyof typeof MINIMAL_SUGGESTIONS] {
  const builds = buildsFeeding(final);
  if (builds.length > 0 && builds.every(isStaticBuild)) return MINIMAL_SUGGESTIONS.static;
  return MINIMAL_SUGGESTIONS.glibc;
}

function isStaticBuild(build: GoBuild): boolean {
  if (build.cgo !== undefined) return build.cgo === "0";
  // Without a C compiler in the builder (image or installed), Go turns cgo off by itself.
  return !hasCCompiler(build.stage);
}

function savings(facts: ImageFacts, suggestedMB: number): string {
  if (facts.sizeMB === null) return "";
  const saved = Math.round(facts.sizeMB - suggestedMB);
  return saved >= 1 ? ` (about ${saved} MB smaller)` : "";
}

export default createRule<Options, MessageIds>({
  name: "require-minimal-runtime-base",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require the final stage to run on a minimal base (scratch, distroless, Chainguard static), not a toolchain or full OS image",
      recommended: true,
      strict: [{ slim: "report" }],
    },
    messages: {
      toolchain:
        "The final stage runs on the build image '{{image}}'{{via}}, which ships the {{family}} toolchain into production{{size}}. Build in a builder stage and copy the output into '{{suggestion}}'{{savings}}.",
      runtimeToolchain:
        "The final stage runs on '{{image}}'{{via}}, a full {{family}} image with compilers and build tools{{size}}. Run the app on a runtime-only image instead: the image's -slim or -alpine variant, a JRE or ASP.NET runtime image, or a distroless runtime.",
      fullOs:
        "The final stage runs on the full OS image '{{image}}'{{via}}{{size}}, with a shell and package manager an attacker can use. Copy the app into '{{suggestion}}'{{savings}}, or allow this image if the app needs OS packages.",
      slim: "The final stage runs on '{{image}}'{{via}}, which still has a shell{{packageManager}}. Copy the app into '{{suggestion}}'{{savings}}.",
    },
    schema: [
      {
        type: "object",
        properties: {
          allow: { type: "array", items: { type: "string" } },
          slim: { enum: ["ignore", "report"] },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ allow: [], slim: "ignore" }],
  create(context, [{ allow, slim }]) {
    const allowed = allow.map(globToRegExp);
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        const final = model.finalStage;
        if (!final || !final.root || !final.imageSpan) return;
        const root = final.root;
        // A variable with no default: the image comes from the build; we can't judge it.
        if (root.unresolved.length > 0) return;
        if (isWindowsImage(root)) return;
        const name = imageName(root);
        if (allowed.some((re) => re.test(name) || re.test(root.resolved))) return;

        const facts = final.image;
        let messageId: MessageIds;
        if (facts.kind === "toolchain" && isInterpreterRuntime(facts)) {
          if (slim !== "report") return;
          messageId = "slim";
        } else if (facts.kind === "toolchain") {
          messageId = facts.toolchain && !NATIVE_TOOLCHAINS.has(facts.toolchain) ? "runtimeToolchain" : "toolchain";
        } else if (facts.kind === "full-os") {
          messageId = "fullOs";
        } else if (facts.kind === "slim") {
          if (slim !== "report") return;
          messageId = "slim";
        } else {
          // scratch and minimal pass; app images (a language runtime such as .NET's) and unknown
          // images (locally built bases) are not ours to judge.
          return;
        }
        const suggestion = suggestionFor(final);
        const via = final.parent ? ` (through stage '${final.from.argv[0]?.value ?? final.parent.name}')` : "";
        context.report({
          loc: final.imageSpan.loc,
          messageId,
          data: {
            image: root.resolved,
            via,
            family: facts.family,
            size: facts.sizeMB === null ? "" : ` (~${facts.sizeMB} MB)`,
            suggestion: suggestion.image,
            savings: savings(facts, suggestion.sizeMB),
            // busybox has a shell but nothing to install packages with.
            packageManager: facts.packageManager === false ? "" : " and package manager",
          },
        });
      },
    };
  },
});
