/**
 * The parts of a `FROM` line as spans: `FROM [--platform=…] <image> [AS <name>]`. Several rules
 * (stage names, AS casing, platform checks) point at one of these words.
 */
import type { FlagNode, InstructionNode, Span } from "../language/ast.js";

export interface FromParts {
  image: Span | null;
  /** The `AS` keyword as written, or null. */
  asKeyword: Span | null;
  /** The stage name as written (case kept), or null. */
  alias: Span | null;
  platform: FlagNode | null;
}

export function fromParts(node: InstructionNode): FromParts {
  const words = node.argv;
  const asKeyword = words.length >= 3 && words[1]!.value.toLowerCase() === "as" ? words[1]! : null;
  return {
    image: words[0] ?? null,
    asKeyword,
    alias: asKeyword ? words[2]! : null,
    platform: node.flags.find((f) => f.name === "platform") ?? null,
  };
}

/** Every FROM instruction with its parts, in file order. */
export function fromLines(instructions: readonly InstructionNode[]): Array<{ node: InstructionNode; parts: FromParts }> {
  const out: Array<{ node: InstructionNode; parts: FromParts }> = [];
  for (const node of instructions) if (node.keyword === "FROM") out.push({ node, parts: fromParts(node) });
  return out;
}
