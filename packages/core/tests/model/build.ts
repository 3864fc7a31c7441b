/** Builds the model straight from text, without ESLint: parse must succeed. */
import { buildModel, parse, type DockerfileModel, type GoModFacts } from "../../src/index.js";

export function model(text: string, goMod: GoModFacts | null = null): DockerfileModel {
  const r = parse(text);
  if (!r.ok) throw new Error(`parse failed: ${JSON.stringify(r.errors)}`);
  return buildModel(r.ast, goMod);
}

/** The argv of every command of every RUN in the model, in order. */
export function commandArgv(m: DockerfileModel): string[][] {
  return m.stages.flatMap((s) => s.runs.flatMap((r) => r.commands.map((c) => c.argv)));
}
