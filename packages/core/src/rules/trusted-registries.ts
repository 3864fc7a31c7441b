import { createRule } from "../create-rule.js";
import type { SourceLocation } from "../language/ast.js";
import { parseImageRef, type ImageRef } from "../model/images.js";
import { effectiveInstructions } from "../model/onbuild.js";

type Options = [{ trustedRegistries: string[] }];
type MessageIds = "untrusted";

/** `*` any, `*.example.com` any subdomain, `registry*` any suffix, else the exact host. */
function registryMatcher(pattern: string): (host: string) => boolean {
  const p = pattern.toLowerCase();
  if (p === "*") return () => true;
  if (p.startsWith("*")) return (h) => h.endsWith(p.slice(1));
  if (p.endsWith("*")) return (h) => h.startsWith(p.slice(0, -1));
  return (h) => h === p;
}

/** A `--from`/`from=` value that can only be an image (has a path, tag or digest), not a stage name. */
const isExplicitImage = (ref: string) => /[/:@]/.test(ref);

/**
 * Reports images pulled from registries outside `trustedRegistries`: FROM, `COPY --from=<image>`
 * and `RUN --mount=…,from=<image>`. Docker Hub names (`alpine`, `user/app`) are `docker.io`.
 * Does nothing until the option lists registries.
 */
export default createRule<Options, MessageIds>({
  name: "trusted-registries",
  meta: {
    type: "problem",
    docs: {
      description: "Require images to come from the registries you trust (option `trustedRegistries`)",
      strict: true,
      equivalents: { hadolint: ["DL3026"] },
    },
    messages: {
      untrusted: "'{{image}}' comes from '{{registry}}', which is not a trusted registry ({{trusted}}). Use an image from a trusted registry (mirror it there), or add the registry to trustedRegistries.",
    },
    schema: [
      {
        type: "object",
        properties: { trustedRegistries: { type: "array", items: { type: "string" } } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ trustedRegistries: [] }],
  create(context, [{ trustedRegistries }]) {
    const matchers = trustedRegistries.map(registryMatcher);
    return {
      Dockerfile(ast) {
        if (matchers.length === 0) return;
        const model = context.sourceCode.model;
        const check = (ref: ImageRef, loc: SourceLocation) => {
          // A registry from a build argument is the build's to choose.
          if (ref.unresolved.length > 0 || ref.resolved.startsWith("$")) return;
          if (ref.repository === "scratch" && !ref.registry) return;
          const registry = ref.registry ?? "docker.io";
          if (matchers.some((m) => m(registry))) return;
          context.report({ loc, messageId: "untrusted", data: { image: ref.resolved, registry, trusted: trustedRegistries.join(", ") } });
        };
        let stageIndex = -1;
        for (const { instruction, node, onbuild } of effectiveInstructions(ast)) {
          if (instruction.keyword === "FROM" && !onbuild) {
            stageIndex++;
            const stage = model.stages[stageIndex];
            if (stage?.base && stage.imageSpan) check(stage.base, stage.imageSpan.loc);
            continue;
          }
          const refs: Array<{ value: string; loc: SourceLocation }> = [];
          for (const flag of instruction.flags) {
            if (flag.name === "from" && (instruction.keyword === "COPY" || instruction.keyword === "ADD") && flag.flagValue) refs.push({ value: flag.flagValue, loc: flag.loc });
            if (flag.name === "mount" && instruction.keyword === "RUN") {
              const from = /(?:^|,)from=([^,]+)/.exec(flag.flagValue ?? "")?.[1];
              if (from) refs.push({ value: from, loc: flag.loc });
            }
          }
          for (const { value, loc } of refs) {
            if (!isExplicitImage(value) || value.includes("$") || model.stageByRef(value, stageIndex)) continue;
            check(parseImageRef(value), onbuild ? node.loc : loc);
          }
        }
      },
    };
  },
});
