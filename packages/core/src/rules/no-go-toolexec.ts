import { createRule } from "../create-rule.js";

type MessageIds = "wrapped";

/** Go build flags that run another program or swap source files during the build. */
const WRAPPING_FLAGS: Record<string, string> = {
  "-toolexec": "runs every compiler and linker call through '{{value}}'",
  "-exec": "runs the built program through '{{value}}'",
  "-overlay": "replaces source files with those listed in '{{value}}'",
};

/**
 * Reports `-toolexec`, `-exec` and `-overlay` on a Dockerfile's go build/install/run (or in
 * GOFLAGS): each hands the build to a program or file the source tree doesn't show, which is
 * how build-time tampering hides and why the binary can't be rebuilt from the source alone.
 */
export default createRule<[], MessageIds>({
  name: "no-go-toolexec",
  meta: {
    type: "suggestion",
    docs: {
      description: "Disallow `-toolexec`, `-exec` and `-overlay` in a Dockerfile's go build",
      strict: true,
    },
    messages: {
      wrapped:
        "'go {{subcommand}} {{flag}}' {{effect}}: the binary then depends on a program or file the source doesn't show, which hides tampering and breaks reproducible builds. Remove {{flag}}, or if it's instrumentation, build that variant outside the release image.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Dockerfile() {
        for (const stage of context.sourceCode.model.stages) {
          for (const build of stage.goBuilds) {
            const goflags = (build.env.get("GOFLAGS") ?? "").split(/\s+/).filter(Boolean);
            for (const flag of [...build.flags, ...goflags]) {
              const eq = flag.indexOf("=");
              const name = (eq > 0 ? flag.slice(0, eq) : flag).replace(/^--/, "-");
              const effect = WRAPPING_FLAGS[name];
              if (!effect) continue;
              const value = eq > 0 ? flag.slice(eq + 1) : "";
              context.report({
                loc: build.run.node.loc,
                messageId: "wrapped",
                data: { subcommand: build.subcommand, flag: name, effect: effect.replace("{{value}}", value) },
              });
            }
          }
        }
      },
    };
  },
});
