/**
 * The file cut at each FROM, including the part before the first FROM: hadolint-style rules
 * must also work on fragments without FROM (read as the body of an implied first stage).
 */
import type { InstructionNode } from "../language/ast.js";
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

const cache = new WeakMap<DockerfileModel, Section[]>();

export function sections(model: DockerfileModel): Section[] {
  let out = cache.get(model);
  if (out) return out;
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
  out = list;
  cache.set(model, out);
  return out;
}

/** The section and its ancestors along `FROM <stage>`, nearest first. */
export function lineage(section: Section): Section[] {
  const out: Section[] = [];
  for (let s: Section | null = section; s && !out.includes(s); s = s.parent) out.push(s);
  return out;
}

/**
 * Stages (as FROM sections) that lack something, judged by lineage as hadolint does for labels
 * and HEALTHCHECK: a stage has it when it or a stage it is built FROM has it; a named stage that
 * lacks it is excused when a stage using it (`FROM <it>`, `COPY --from=<it>`, `RUN --mount=from=<it>`)
 * has it or is excused, since only that stage's result ships.
 */
export function stagesLacking(model: DockerfileModel, has: (section: Section) => boolean): Section[] {
  const all = sections(model).slice(1);
  const consumers = new Map<Section, Set<Section>>();
  const use = (used: StageModel | null, by: Section) => {
    const s = used ? all[used.index] : undefined;
    if (!s || s === by) return;
    if (!consumers.has(s)) consumers.set(s, new Set());
    consumers.get(s)!.add(by);
  };
  for (const section of all) {
    const stage = section.stage;
    if (!stage) continue;
    use(stage.parent, section);
    for (const copy of stage.copies) use(copy.fromStage, section);
    for (const run of stage.runs) for (const m of run.mounts) if (m.from) use(model.stageByRef(m.from, stage.index), section);
  }
  const effective = new Map<Section, boolean>();
  const hasEffective = (s: Section): boolean => {
    let v = effective.get(s);
    if (v === undefined) {
      effective.set(s, false); // cycles (broken files) count as lacking
      v = lineage(s).some(has);
      effective.set(s, v);
    }
    return v;
  };
  const ok = new Map<Section, boolean>();
  const isOk = (s: Section): boolean => {
    let v = ok.get(s);
    if (v === undefined) {
      ok.set(s, false);
      v = hasEffective(s) || (s.stage?.name != null && [...(consumers.get(s) ?? [])].some(isOk));
      ok.set(s, v);
    }
    return v;
  };
  return all.filter((s) => !isOk(s));
}
