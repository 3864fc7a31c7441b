import { createRule, type DockerRuleDefinition } from "../rule.js";

type Options = [{ allow?: string[] }];

/** Reports external images with no tag or `latest`; a digest pins an image too. */
export default createRule("require-image-tag", {
  meta: {
    type: "problem",
    docs: { description: "Require every external image to name a tag other than `latest`", recommended: true },
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
    defaultOptions: [{ allow: [] }],
  },
  create(context) {
    const [{ allow = [] }] = context.options as Options;
    const allowed = allow.map(globToRegExp);
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        for (const stage of model.stages) {
          const ref = stage.base;
          if (!ref || !stage.imageSpan || ref.repository === "scratch" && !ref.registry) continue;
          // A variable with no default: the tag comes from the build; we can't judge it.
          if (ref.unresolved.length > 0) continue;
          const name = ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
          if (allowed.some((re) => re.test(name) || re.test(ref.resolved))) continue;
          if (ref.digest) continue;
          if (!ref.tag) context.report({ loc: stage.imageSpan.loc, messageId: "missingTag", data: { image: ref.resolved } });
          else if (ref.tag === "latest") context.report({ loc: stage.imageSpan.loc, messageId: "latestTag", data: { image: ref.resolved } });
        }
      },
    };
  },
} satisfies DockerRuleDefinition<{ RuleOptions: Options; MessageIds: "missingTag" | "latestTag" }>);

/** `*` matches within a path segment, `**` across segments. */
export function globToRegExp(glob: string): RegExp {
  const re = glob
    .split("**")
    .map((part) => part.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*"))
    .join(".*");
  return new RegExp(`^${re}$`, "i");
}
