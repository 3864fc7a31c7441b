import type { Span } from "../language/ast.js";
import { expand, type DockerfileModel } from "../model/model.js";
import { createRule } from "../create-rule.js";

type Options = [{ allow: string[] }];
type MessageIds = "selfReference" | "laterStage" | "noSuchIndex" | "unknownStage" | "notAStage" | "useStage";

/**
 * `COPY --from=X` and `RUN --mount=…,from=X` must name an earlier stage or an explicit image.
 * BuildKit pulls any other bare name as `docker.io/library/X:latest`, so a typo in a stage name
 * turns into a pull error (or, worse, a different image).
 */
export default createRule<Options, MessageIds>({
  name: "valid-copy-from",
  meta: {
    type: "problem",
    docs: {
      description: "Require `COPY --from` and `RUN --mount from=` to name an earlier stage or a tagged image",
      recommended: true,
      equivalents: { hadolint: ["DL3022", "DL3023"], trivy: ["DS006"] },
    },
    hasSuggestions: true,
    messages: {
      selfReference: "'{{ref}}' is the stage this instruction is in; a stage cannot copy from itself. Name an earlier stage.",
      laterStage: "Stage '{{ref}}' is defined later (line {{line}}); a stage can only use earlier stages. Move that stage above this one.",
      noSuchIndex: "There is no stage {{ref}} before this one (stages are numbered from 0; {{count}} defined before). Use an earlier stage's index or name.",
      unknownStage: "Unknown stage '{{ref}}'; did you mean '{{candidate}}'? As written, BuildKit pulls an image named '{{ref}}'.",
      notAStage:
        "'{{ref}}' is not a stage of this Dockerfile, so BuildKit pulls the image 'docker.io/library/{{ref}}:latest'. If you meant an image, pin it with a tag ('{{ref}}:<version>'); if it is a named build context, list it in this rule's 'allow' option.",
      useStage: "Use stage '{{candidate}}'.",
    },
    schema: [
      {
        type: "object",
        properties: {
          allow: { type: "array", items: { type: "string" } },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ allow: [] }],
  create(context, [{ allow }]) {
    const allowed = new Set(allow.map((a) => a.toLowerCase()));
    return {
      Dockerfile() {
        const model = context.sourceCode.model;
        const check = (ref: string, span: Span, stageIndex: number) => {
          const problem = classify(model, ref, stageIndex, allowed);
          if (!problem) return;
          const { messageId, data, candidates = [] } = problem;
          // Point at the value inside the flag (`--from=buidl` → `buidl`) so the suggestion replaces just it.
          const at = span.value.lastIndexOf(ref);
          const valueRange: [number, number] | null = at >= 0 && span.value.slice(at) === ref ? [span.range[0] + at, span.range[1]] : null;
          context.report({
            loc: span.loc,
            messageId,
            data,
            suggest: valueRange
              ? candidates.map((candidate) => ({
                  messageId: "useStage" as const,
                  data: { candidate },
                  fix: (fixer) => fixer.replaceTextRange(valueRange, candidate),
                }))
              : [],
          });
        };

        // COPY --from before any FROM belongs to no stage: nothing is earlier.
        for (const node of model.ast.instructions) {
          if (node.keyword === "FROM") break;
          const flag = node.keyword === "COPY" ? node.flags.find((f) => f.name === "from") : undefined;
          if (!flag?.flagValue) continue;
          const missing: string[] = [];
          const ref = expand(flag.flagValue, model.globalArgs, missing);
          if (missing.length === 0) check(ref, flag, -1);
        }

        for (const stage of model.stages) {
          for (const copy of stage.copies) {
            if (copy.keyword !== "COPY" || copy.from === null || !copy.fromFlag) continue;
            if (copy.from.includes("$")) continue; // a build arg with no default decides
            check(copy.from, copy.fromFlag, stage.index);
          }
          for (const run of stage.runs) {
            const mountFlags = run.node.flags.filter((f) => f.name === "mount" && f.flagValue);
            mountFlags.forEach((flag, k) => {
              const from = run.mounts[k]?.from;
              if (!from) return;
              const missing: string[] = [];
              const ref = expand(from, run.env, missing);
              if (missing.length > 0) return;
              check(ref, fromValueSpan(flag, from), stage.index);
            });
          }
        }
      },
    };
  },
});

/** The `from=X` part of a `--mount` flag, as a span (the whole flag when not found). */
function fromValueSpan(flag: Span, from: string): Span {
  const m = /(^|,)from=/.exec(flag.value.replace(/^--mount=/, "")) ;
  if (!m) return flag;
  const offset = flag.value.indexOf("=") + 1 + m.index + m[0].length;
  const start = flag.range[0] + offset;
  const end = start + from.length;
  if (flag.value.slice(offset, offset + from.length) !== from) return flag;
  const lineStart = flag.loc.start;
  // Flags never span lines: columns shift by the offset.
  return {
    value: from,
    range: [start, end],
    loc: { start: { line: lineStart.line, column: lineStart.column + offset }, end: { line: lineStart.line, column: lineStart.column + offset + from.length } },
  };
}

interface Problem {
  messageId: MessageIds;
  data: Record<string, string>;
  candidates?: string[];
}

/** Decides what a `--from` value names, relative to the stage at `stageIndex`. */
export function classify(model: DockerfileModel, ref: string, stageIndex: number, allowed: Set<string> = new Set()): Problem | null {
  const lower = ref.toLowerCase();
  const target = model.stageByRef(ref);
  if (target) {
    if (target.index === stageIndex) return { messageId: "selfReference", data: { ref } };
    if (target.index > stageIndex) return { messageId: "laterStage", data: { ref, line: String(target.from.loc.start.line) } };
    return null;
  }
  if (/^\d+$/.test(ref)) {
    return { messageId: "noSuchIndex", data: { ref, count: String(Math.max(0, stageIndex)) } };
  }
  // A registry path, tag or digest: an explicit image (hadolint DL3022 treats `:` the same way).
  if (/[/:@]/.test(ref)) return null;
  if (allowed.has(lower)) return null;
  const earlier = model.stages.filter((s) => s.index < stageIndex && s.name).map((s) => s.name!);
  const candidates = [...new Set(earlier)]
    .map((name) => ({ name, d: distance(lower, name) }))
    .filter(({ name, d }) => looksLikeTypo(lower, name, d))
    .sort((a, b) => a.d - b.d)
    .map(({ name }) => name);
  if (candidates.length > 0) return { messageId: "unknownStage", data: { ref, candidate: candidates[0]! }, candidates };
  return { messageId: "notAStage", data: { ref } };
}

/** Edit distance ≤ 2 (≤ 1 for short names), or one name a prefix of the other (`build`/`builder`). */
function looksLikeTypo(a: string, b: string, d: number): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter >= 3 && (a.startsWith(b) || b.startsWith(a))) return true;
  return d <= (shorter <= 4 ? 1 : 2);
}

/** Levenshtein distance with transpositions counted as one edit. */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
