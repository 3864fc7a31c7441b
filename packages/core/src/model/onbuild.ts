/**
 * ONBUILD triggers as instructions: `ONBUILD RUN sudo make` holds a RUN that runs in every image
 * built FROM this one, so rules about RUN look into it too (reporting on the ONBUILD line).
 */
import { parse, type DockerfileNode, type InstructionNode } from "../language/ast.js";

const triggers = new WeakMap<InstructionNode, InstructionNode | null>();

/** The instruction an ONBUILD wraps (its locations relative to the trigger text), or null. */
export function onbuildTrigger(node: InstructionNode): InstructionNode | null {
  if (node.keyword !== "ONBUILD") return null;
  let trigger = triggers.get(node);
  if (trigger === undefined) {
    const parsed = parse(`${node.args}\n`);
    trigger = parsed.ok ? parsed.ast.instructions[0] ?? null : null;
    triggers.set(node, trigger);
  }
  return trigger;
}

/** An instruction as a rule sees it: itself, or the trigger of an ONBUILD, with the node to report on. */
export interface EffectiveInstruction {
  /** The instruction that runs (the trigger for ONBUILD). */
  instruction: InstructionNode;
  /** The instruction in the file: where to report. */
  node: InstructionNode;
  onbuild: boolean;
}

/** Every instruction of the file, ONBUILD triggers unwrapped, in file order. */
export function effectiveInstructions(ast: DockerfileNode): EffectiveInstruction[] {
  const out: EffectiveInstruction[] = [];
  for (const node of ast.instructions) {
    if (node.keyword !== "ONBUILD") {
      out.push({ instruction: node, node, onbuild: false });
      continue;
    }
    const trigger = onbuildTrigger(node);
    if (trigger) out.push({ instruction: trigger, node, onbuild: true });
  }
  return out;
}
