/**
 * The leaner runner behind DockerLinter, for the files where ESLint's Linter would do nothing
 * but run the rules: no inline `eslint` comments (so no directives, no inline config and no
 * unused-directive reports), no per-file overrides, and when fixing, nothing to fix (the caller
 * checks). It runs the very same rule objects
 * with ESLint's own rule context (FileContext), report translator (FileReport) and file object
 * (VFile), and orders problems as Linter does; it only skips the Linter's per-file set-up
 * (config lookup, directive passes, selector machinery) and does not load the Linter at all.
 * Anything else, and anything unexpected (a parse error, a rule that throws, a selector that is
 * more than a node type), returns null so that the caller asks ESLint's Linter instead.
 * ESLint's parts come from runtime/eslint-internals.ts, the one file that may reach them.
 */
import path from "node:path";
import type { AnyDockerRule } from "../create-rule.js";
import type { DockerfileLanguage, DockerfileSourceCode } from "../language/language.js";
import type { LeanRunnerParts } from "../runtime/eslint-internals.js";
import type { LintMessage } from "./lint.js";
import type { ParseResult } from "../language/ast.js";

type RuleConfig = [number, ...unknown[]];
type Listener = (...args: unknown[]) => void;

const SEVERITIES = new Map<unknown, number>([
  ["off", 0],
  ["warn", 1],
  ["error", 2],
  [0, 0],
  [1, 1],
  [2, 2],
]);

function asRuleConfig(entry: unknown): unknown[] {
  return Array.isArray(entry) ? entry.slice(0) : [entry];
}

/**
 * The rules a flat config made of `layers` (each a `rules` object, in config order) gives every
 * file, normalised as ESLint's Config does: numeric severity, a later severity-only entry keeps
 * the earlier options, `meta.defaultOptions` merged under the options. Key order follows ESLint's
 * merge, because it decides the order rules run in. Null when a severity is not one ESLint
 * accepts (then ESLint reports it) or a rule is unknown.
 */
export function resolveRules(
  layers: Array<Record<string, unknown>>,
  ruleFor: (id: string) => AnyDockerRule | undefined,
  deepMergeArrays: LeanRunnerParts["deepMergeArrays"],
): Record<string, RuleConfig> | null {
  let merged: Record<string, unknown[]> = {};
  for (const layer of layers) {
    const result: Record<string, unknown[]> = { ...merged };
    for (const [id, entry] of Object.entries(layer)) {
      const second = asRuleConfig(entry);
      if (!SEVERITIES.has(second[0])) return null;
      second[0] = SEVERITIES.get(second[0]);
      const first = merged[id];
      result[id] = first && second.length === 1 ? [second[0], ...first.slice(1)] : structuredClone(second);
    }
    merged = result;
  }
  const rules: Record<string, RuleConfig> = {};
  for (const [id, config] of Object.entries(merged)) {
    const rule = ruleFor(id);
    if (!rule) return null;
    const options = deepMergeArrays(rule.meta?.defaultOptions as unknown[] | undefined, config.slice(1));
    rules[id] = (options.length ? [config[0], ...options] : config) as RuleConfig;
  }
  return rules;
}

const PLAIN_SELECTOR = /^[A-Za-z]+(?::exit)?$/;

/** A listener key taken apart: the node type, and whether it is for leaving the node. */
interface Selector {
  type: string;
  leaving: boolean;
}

/** Listener keys seen so far (the rules return the same few for every file), null for the ones this runner cannot run. */
const selectors = new Map<string, Selector | null>();

function parseSelector(key: string): Selector | null {
  let selector = selectors.get(key);
  if (selector === undefined) {
    const leaving = key.endsWith(":exit");
    selector = PLAIN_SELECTOR.test(key) ? { type: leaving ? key.slice(0, -5) : key, leaving } : null;
    selectors.set(key, selector);
  }
  return selector;
}

/** ESLint ignores these folders by default (`**\/node_modules/`, `.git/` at the base path). */
function defaultIgnored(filename: string, root: string): boolean {
  // Most paths mention none of these: skip the path arithmetic for them.
  if (filename.startsWith(root) && !filename.includes("node_modules") && !filename.includes("<text>") && !filename.startsWith(".git", root.length) && !filename.includes("..")) {
    return false;
  }
  const rel = path.relative(root, filename);
  const segments = rel.split(/[\\/]/);
  return segments.includes("node_modules") || segments[0] === ".git" || segments.includes("<text>") || rel.startsWith("..");
}

/** The fields of ESLint's FileContext (its own properties, set in its constructor). */
interface FileContextFields {
  cwd: string;
  filename: string;
  physicalFilename: string;
  sourceCode: unknown;
  languageOptions: unknown;
  settings: unknown;
}

/**
 * What a rule's `context` holds under Linter (FileContext's fields plus id, options and report),
 * as own properties of one class, frozen: one shape for every rule and file, built by a
 * constructor rather than by spreading the file's context for each rule.
 */
class RuleContext {
  readonly cwd: string;
  readonly filename: string;
  readonly physicalFilename: string;
  readonly sourceCode: unknown;
  readonly languageOptions: unknown;
  readonly settings: unknown;

  constructor(
    file: FileContextFields,
    readonly id: string,
    readonly options: readonly unknown[],
    readonly report: (...args: unknown[]) => void,
  ) {
    this.cwd = file.cwd;
    this.filename = file.filename;
    this.physicalFilename = file.physicalFilename;
    this.sourceCode = file.sourceCode;
    this.languageOptions = file.languageOptions;
    this.settings = file.settings;
    Object.freeze(this);
  }
}

export class FastRunner {
  /** The enabled rules in run order, looked up once. */
  readonly #enabled: Array<{ ruleId: string; severity: number; options: readonly unknown[]; rule: AnyDockerRule }>;

  constructor(
    readonly eslint: LeanRunnerParts,
    readonly language: DockerfileLanguage,
    readonly rules: Record<string, RuleConfig>,
    readonly ruleFor: (id: string) => AnyDockerRule | undefined,
    readonly languageOptions: Record<string, unknown>,
    /** The Linter's cwd (the file-system root): what `context.cwd` says and what ignores are relative to. */
    readonly cwd: string,
    /** The config's `settings`, as `context.settings`. */
    readonly settings: Record<string, unknown> = {},
  ) {
    this.#enabled = Object.entries(rules)
      .filter(([, config]) => config[0] !== 0)
      // One options array per rule for the whole run, as rules cache what they derive from it by identity.
      .map(([ruleId, config]) => ({ ruleId, severity: config[0], options: Object.freeze(config.slice(1)), rule: ruleFor(ruleId)! }));
  }

  /**
   * Problems for `text` (BOM already removed), as Linter.verify gives them; null: ask Linter.
   * `parsed`: the parser's result for this very text, when the caller has it already.
   */
  lint(text: string, filename: string, parsed?: ParseResult): LintMessage[] | null {
    if (defaultIgnored(filename, this.cwd)) return null;
    const { VFile, FileReport, FileContext } = this.eslint;
    const file = new VFile(filename, text);
    const languageOptions = this.languageOptions;
    parsed ??= this.language.parse(file);
    if (!parsed.ok) return null;
    const sourceCode = this.language.createSourceCode(file, parsed, { languageOptions }) as DockerfileSourceCode & {
      applyLanguageOptions?(o: unknown): void;
      finalize?(): void;
    };
    // Inline config and disable directives: Linter's semantics, every detail of them.
    if (sourceCode.getInlineConfigNodes().length > 0) return null;
    sourceCode.applyLanguageOptions?.(languageOptions);
    sourceCode.finalize?.();

    const report = new FileReport({ ruleMapper: this.ruleFor, sourceCode, language: this.language, disableFixes: false });
    // ESLint's FileContext, so that a rule sees what Linter gives it. Its extend() is not used:
    // a prototype made per file costs V8 new hidden classes per file, which live in old space
    // and so keep each file's AST and model alive through young-generation GCs (about half of
    // all GC time). A rule's context holds the same properties, as own ones, frozen, in one shape.
    const fileContext = new FileContext({ cwd: this.cwd, filename: file.path, physicalFilename: file.physicalPath, sourceCode, languageOptions, settings: this.settings });
    // Listeners by node type, for entering and for leaving (`Type:exit`) a node.
    const enter = new Map<string, Listener[]>();
    const exit = new Map<string, Listener[]>();
    try {
      // Indexed loops: this runs for every rule of every file, in baseline-compiled code (the CLI
      // defers TurboFan), where for-of and Object.entries cost an iterator or an array each time.
      const enabled = this.#enabled;
      for (let r = 0; r < enabled.length; r++) {
        const { ruleId, severity, options, rule } = enabled[r]!;
        const context = new RuleContext(fileContext as FileContextFields, ruleId, options, (...args: unknown[]) => {
          const problem = report.addRuleMessage(ruleId, severity, ...args);
          // Linter's checks, so a rule that breaks them fails here and is re-run there.
          if (problem.fix && !rule.meta?.fixable) throw new Error("fix without meta.fixable");
          if (problem.suggestions && rule.meta?.hasSuggestions !== true) throw new Error("suggestions without meta.hasSuggestions");
        });
        const ruleListeners = rule.create(context as never) as Record<string, Listener> | null | undefined;
        if (!ruleListeners) return null;
        const keys = Object.keys(ruleListeners);
        for (let k = 0; k < keys.length; k++) {
          const selector = parseSelector(keys[k]!);
          const listener = ruleListeners[keys[k]!];
          if (!selector || typeof listener !== "function") return null;
          const listeners = selector.leaving ? exit : enter;
          const list = listeners.get(selector.type);
          if (list) list.push(listener);
          else listeners.set(selector.type, [listener]);
        }
      }
      // The order DockerfileSourceCode.traverse() gives (root, then each body node entered and
      // exited), walked directly: its step objects were a tenth of all allocation.
      const root = sourceCode.ast;
      const visit = (listeners: Map<string, Listener[]>, node: { type: string }, parent: unknown) => {
        const list = listeners.get(node.type);
        if (list) for (let i = 0; i < list.length; i++) list[i]!(node, parent);
      };
      visit(enter, root, undefined);
      const body = root.body;
      for (let i = 0; i < body.length; i++) {
        const node = body[i]!;
        visit(enter, node, root);
        visit(exit, node, root);
      }
      visit(exit, root, undefined);
    } catch {
      // Linter reports a rule's failure in its own words: let it.
      return null;
    }
    // Linter's order: by line, then column, stable in report order.
    return (report.messages as LintMessage[]).sort((a, b) => a.line - b.line || a.column - b.column);
  }
}
