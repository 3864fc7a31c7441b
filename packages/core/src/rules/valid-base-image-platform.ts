import { createRule } from "../create-rule.js";
import { fromParts } from "../model/from-parts.js";
import { imageOs } from "../model/images.js";
import { checkPlatform } from "../model/platforms.js";

type MessageIds = "unknownOs" | "unknownArch" | "badFormat" | "osMismatch";

/**
 * The static part of BuildKit's InvalidBaseImagePlatform: a literal `FROM --platform=` that names
 * no known OS or architecture, or whose OS contradicts what the images table knows of the image
 * (a Windows image on linux, a Linux distribution on windows). Whether a registry image is
 * published for the platform needs its manifest, which a linter does not fetch.
 */
export default createRule<[], MessageIds>({
  name: "valid-base-image-platform",
  meta: {
    type: "problem",
    docs: {
      description: "Require a literal `FROM --platform=` to name a known OS/architecture that fits the image",
      strict: true,
      equivalents: { buildkit: ["InvalidBaseImagePlatform"] },
    },
    messages: {
      unknownOs: "'{{value}}' in --platform={{platform}} is not an operating system Docker knows (linux, windows, …). Fix the spelling.",
      unknownArch: "'{{value}}' in --platform={{platform}} is not an architecture Docker knows (amd64, arm64, arm, 386, ppc64le, s390x, riscv64, …). Fix the spelling.",
      badFormat: "--platform={{platform}} is not of the form os[/arch[/variant]]. Write it like linux/amd64.",
      osMismatch: "{{image}} is a {{imageOs}} image, but --platform={{platform}} asks for {{os}}: the build cannot find it. Use a {{os}} base or a {{imageOs}} platform.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        for (const stage of context.sourceCode.model.stages) {
          const flag = fromParts(stage.from).platform;
          const platform = flag?.flagValue?.replace(/^(["'])(.*)\1$/, "$2");
          if (!flag || !platform || platform.includes("$")) continue;
          const checked = checkPlatform(platform);
          if (!checked.ok) {
            const messageId = checked.part === "os" ? "unknownOs" : checked.part === "arch" ? "unknownArch" : "badFormat";
            context.report({ loc: flag.loc, messageId, data: { value: checked.value, platform } });
            continue;
          }
          if (!checked.os || !stage.base) continue;
          const os = imageOs(stage.base);
          if (os && os !== checked.os) {
            context.report({ loc: flag.loc, messageId: "osMismatch", data: { image: stage.imageSpan?.value ?? "the image", imageOs: os, os: checked.os, platform } });
          }
        }
      },
    };
  },
});
