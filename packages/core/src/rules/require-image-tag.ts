import { createRule } from "../create-rule.js";
import type { SourceLocation } from "../language/ast.js";
import { globToRegExp } from "../model/glob.js";
import { imageName, parseImageRef, type ImageRef } from "../model/images.js";

type Options = [{ allow: string[] }];
type MessageIds = "missingTag" | "latestTag";

/** Reports external images with no tag or `latest`; a digest pins an image too. */
export default createRule<Options, MessageIds>({
  name: "require-image-tag",
  meta: {
    type: "problem",
    docs: { description: "Require every external image to name a tag other than `latest`", recommended: true, equivalents: { hadolint: ["DL3006", "DL3007"] } },
    messages: {
      missingTag: "Image '{{image}}' has no tag, so every build may pull a different image. Pin a version tag (e.g. '{{image}}:<version>') or a digest.",
      latestTag: "Image '{{image}}' uses the 'latest' tag, which moves with every release. Pin a version tag or a digest.",
    },
    schema: [
      {
        type: "object",
        properties: { allow: { type: "array", items: { type: "string" } } },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ allow: [] }],
  create(context, [{ allow }]) {
    const allowed = allow.map(globToRegExp);
    const check = (ref: ImageRef, loc: SourceLocation) => {
      // A variable with no default: the tag comes from the build; we can't judge it.
      if (ref.unresolved.length > 0 || ref.digest) return;
      if (ref.repository === "scratch" && !ref.registry) return;
      if (allowed.some((re) => re.test(imageName(ref)) || re.test(ref.resolved))) return;
      if (!ref.tag) context.report({ loc, messageId: "missingTag", data: { image: ref.resolved } });
      else if (ref.tag === "latest") context.report({ loc, messageId: "latestTag", data: { image: ref.resolved } });
    };
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        for (const stage of model.stages) {
          // Toolchain images (golang, node …) are no-unpinned-toolchain's: it reports the same
          // missing or `latest` tag and offers go.mod's version. One finding per problem.
          if (stage.base && stage.imageSpan && stage.image.kind !== "toolchain") check(stage.base, stage.imageSpan.loc);
          // `COPY --from=<image>` and `RUN --mount=from=<image>` pull images too. Bare names are
          // stage typos or images; valid-copy-from judges those, so only explicit references here.
          for (const copy of stage.copies) {
            if (copy.from !== null && !copy.fromStage && copy.fromFlag && isExplicitImage(copy.from)) {
              check(parseImageRef(copy.from), copy.fromFlag.loc);
            }
          }
          for (const node of stage.instructions) {
            if (node.keyword !== "RUN") continue;
            for (const flag of node.flags) {
              const from = flag.name === "mount" ? /(?:^|,)from=([^,]+)/.exec(flag.flagValue ?? "")?.[1] : undefined;
              if (from && isExplicitImage(from) && !model.stageByRef(from, stage.index)) check(parseImageRef(from), flag.loc);
            }
          }
        }
      },
    };
  },
});

/** A reference that can only be an image: it has a registry/path, a tag or a digest. */
function isExplicitImage(ref: string): boolean {
  return /[/:@]/.test(ref) && !ref.includes("$");
}
