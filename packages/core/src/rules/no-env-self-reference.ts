import { createRule } from "../create-rule.js";

type MessageIds = "sameEnv";

/** Names `$NAME` / `${NAME…}` refers to in a value. */
function referencedNames(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g)) out.push(m[1] ?? m[2]!);
  return out;
}

/**
 * Reports `ENV A=1 B=$A`: Docker expands every value of one ENV before setting any, so `$A` is
 * the value A had before this line (usually empty), not `1`.
 */
export default createRule<[], MessageIds>({
  name: "no-env-self-reference",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow an ENV value referring to a variable set in the same ENV instruction",
      recommended: true,
      equivalents: { hadolint: ["DL3044"] },
    },
    messages: {
      sameEnv: "'{{name}}' is set in this same ENV, but Docker expands '${{name}}' with its value from before this line. Set {{name}} in an earlier ENV.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Instruction(node) {
        if (node.keyword !== "ENV") return;
        // Words as written (a map of pairs would fold `PATH=a:$PATH PATH=b:$PATH` into one).
        const pairs = node.argv.map((w) => w.value.split(/=(.*)/s)).filter((p) => p.length > 1).map(([k, v]) => [k!, v ?? null] as const);
        const earlier = new Set<string>();
        for (const [name, value] of pairs) {
          const hit = value === null ? undefined : referencedNames(value).find((n) => earlier.has(n));
          if (hit) context.report({ loc: node.loc, messageId: "sameEnv", data: { name: hit } });
          earlier.add(name);
        }
      },
    };
  },
});

