import { createRule } from "../create-rule.js";
import { fromLines } from "../model/from-parts.js";

/** `FROM --platform=linux/amd64`: the image then ignores the platform the build asks for. */
export default createRule<[], "constant">({
  name: "no-constant-platform",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow a constant `FROM --platform=` value, which pins a stage to one platform whatever the build targets",
      strict: true,
      equivalents: { hadolint: ["DL3029"], buildkit: ["FromPlatformFlagConstDisallowed"] },
    },
    messages: {
      constant:
        "FROM --platform should not use the constant '{{value}}': the stage then ignores the platform the build targets. Use $BUILDPLATFORM (build tools) or leave the flag out; if the stage is platform-specific on purpose, name it after the platform (e.g. 'AS build_{{arch}}').",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile(root) {
        for (const { parts } of fromLines(root.instructions)) {
          const flag = parts.platform;
          const value = flag?.flagValue?.replace(/^(["'])(.*)\1$/, "$2");
          if (!flag || !value || value.includes("$")) continue;
          const [os = "", arch = ""] = value.toLowerCase().split("/");
          // A stage named after its platform (`AS build_amd64`) is one of a per-platform set.
          const alias = parts.alias?.value.toLowerCase() ?? "";
          if (alias && ((os && alias.includes(os)) || (arch && alias.includes(arch)))) continue;
          context.report({ loc: flag.loc, messageId: "constant", data: { value, arch: arch || os } });
        }
      },
    };
  },
});
