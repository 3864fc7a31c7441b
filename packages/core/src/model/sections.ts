/**
 * The file cut at each FROM, including the part before the first FROM: hadolint-style rules
 * must also work on fragments without FROM (read as the body of an implied first stage).
 */
import type { InstructionNode } from "../language/ast.js";
import { memoised } from "./memo.js";
import type { DockerfileModel, StageModel } from "./model.js";

export interface Section {
  /** 0: before any FROM; n: the stage model.stages[n - 1]. */
  index: number;
  from: InstructionNode | null;
  stage: StageModel | null;
  /** The section of the stage this one is built FROM (`FROM <stage>`), or null. */
  parent: Section | null;
  /** Instructions after the FROM, up to the next FROM. */
  instructions: InstructionNode[];
}

export function sections(model: DockerfileModel): Section[] {
  return memoised(model.memo, "sections", () => cut(model));
}

function cut(model: DockerfileModel): Section[] {
  const list: Section[] = [{ index: 0, from: null, stage: null, parent: null, instructions: [] }];
  for (const node of model.ast.instructions) {
    if (node.keyword === "FROM") {
      const stage = model.stages[list.length - 1] ?? null;
      const parent = stage?.parent ? list[stage.parent.index + 1] ?? null : null;
      list.push({ index: list.length, from: node, stage, parent, instructions: [] });
      continue;
    }
    list.at(-1)!.instructions.push(node);
  }
  return list;
}

/** The section and its ancestors along `FROM <stage>`, nearest first. */
export function lineage(section: Section): Section[] {
  const out: Section[] = [];
  for (let s: Section | null = section; s && !out.includes(s); s = s.parent) out.push(s);
  return out;
}

/**
 * Stages (as FROM sections) that lack something, judged by lineage as hadolint does for labels
 * and HEALTHCHECK: a stage has it when it or a stage it is built FROM has it. A stage that another
 * stage uses (`FROM <it>`, `COPY --from=<it>`, `RUN --mount=from=<it>`) is judged through its
 * users only, which ship its result: one finding per missing thing, on the stage to fix.
 */
export function stagesLacking(model: DockerfileModel, has: (section: Section) => boolean): Section[] {
  const all = sections(model).slice(1);
  const used = new Set<Section>();
  const use = (stage: StageModel | null, by: Section) => {
    const s = stage ? all[stage.index] : undefined;
    if (s && s !== by) used.add(s);
  };
  for (const section of all) {
    const stage = section.stage;
    if (!stage) continue;
    use(stage.parent, section);
    for (const copy of stage.copies) use(copy.fromStage, section);
    for (const run of stage.runs) for (const m of run.mounts) if (m.from) use(model.stageByRef(m.from, stage.index), section);
  }
  return all.filter((s) => !used.has(s) && !lineage(s).some(has));
}
