/**
 * The runner: ESLint's Linter with our language and rules, so inline `# eslint-…` comments,
 * fix application and messages behave exactly as under ESLint.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
// Types only: Linter itself is loaded on first need (eslint/universal: the Linter without the ESLint class).
import type { Linter } from "eslint";
import { Minimatch } from "minimatch";
import { plugin } from "../plugin.js";
import { presets, type RuleEntry, type RulesMap } from "../presets.js";
import { CONFIG_FILES } from "../names.js";
import { PLUGIN_NAMESPACE } from "../create-rule.js";
import type { DockerfileLanguageOptions } from "../language/language.js";
import type { ParseResult } from "../language/ast.js";
import { withGoModLookupCache, type GoModLookupCache } from "../model/gomod.js";
import type { FileLintResult, LinterInit, LintFilesOptions } from "./lint-files.js";
import { FastRunner, resolveRules } from "./fast-lint.js";
import { optionsCertainlyValid } from "./options-check.js";
import { flatConfigArrayClass, leanRunnerParts, linterClass } from "../runtime/eslint-internals.js";
import { readSourceFile, withoutBom, type ReadFile } from "./read-source.js";
import { addShellcheckResults, type ShellcheckComment } from "./shellcheck.js";
import { promoteCheckErrors } from "../language/pragmas.js";

/** Set only inside the bundle, where load-bundle.ts supplies import() (see wrapBundle there). */
declare const __importUrl: ((url: string) => Promise<unknown>) | undefined;

export type { FileLintResult, LintFilesOptions } from "./lint-files.js";

export interface DockerLintConfig {
  /** A preset name: `recommended` (default), `strict`, or `none`. */
  extends?: "recommended" | "strict" | "all" | "none";
  /** Rule settings; ids with or without the `@docker-lint/` prefix. */
  rules?: Record<string, RuleEntry>;
  /** Globs (relative to the config file's folder) never linted. */
  ignores?: string[];
  /** Per-file rule settings. */
  overrides?: Array<{ files: string[]; rules?: Record<string, RuleEntry> }>;
  languageOptions?: DockerfileLanguageOptions;
  /** Shared options rules read as `context.settings` (e.g. hadolint's trustedRegistries, carried for rules to come). */
  settings?: Record<string, unknown>;
}

export interface LintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  messageId?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix?: { range: [number, number]; text: string };
  suggestions?: Array<{ desc: string; messageId?: string; fix: { range: [number, number]; text: string } }>;
  fatal?: boolean;
  nodeType?: string | null;
}

/** One file's result, in the shape of ESLint's `LintResult` (and so of its json formatter). */
export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: LintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  output?: string;
  usedDeprecatedRules: unknown[];
}

export class ConfigError extends Error {
  constructor(message: string, readonly file?: string) {
    super(file ? `${file}: ${message}` : message);
    this.name = "ConfigError";
  }
}

export { CONFIG_FILES };

/** Finds the nearest config file in `cwd` or a parent folder. */
export function findConfigFile(cwd: string): string | null {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const p = path.join(dir, name);
      if (existsSync(p)) return p;
    }
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

export async function loadConfigFile(file: string): Promise<DockerLintConfig> {
  let config: unknown;
  if (file.endsWith(".json")) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new ConfigError(`cannot read config: ${(e as Error).message}`, file);
    }
    try {
      config = JSON.parse(text);
    } catch (e) {
      const msg = (e as Error).message;
      const pos = /position (\d+)/.exec(msg);
      let where = "";
      if (pos) {
        const before = text.slice(0, Number(pos[1]));
        where = ` (line ${before.split("\n").length}, column ${before.length - before.lastIndexOf("\n")})`;
      }
      throw new ConfigError(`invalid JSON${where}: ${msg}`, file);
    }
  } else {
    try {
      const url = pathToFileURL(file).href;
      const mod = (typeof __importUrl === "function" ? await __importUrl(url) : await import(url)) as { default?: unknown };
      config = mod.default ?? mod;
    } catch (e) {
      throw new ConfigError(`cannot load config: ${(e as Error).message}`, file);
    }
  }
  validateConfig(config, file);
  return config;
}

const TOP_KEYS = new Set(["extends", "rules", "ignores", "overrides", "languageOptions", "settings", "$schema"]);

export function validateConfig(config: unknown, file?: string): asserts config is DockerLintConfig {
  if (typeof config !== "object" || config === null || Array.isArray(config)) throw new ConfigError("config must be an object", file);
  const c = config as Record<string, unknown>;
  for (const k of Object.keys(c)) if (!TOP_KEYS.has(k)) throw new ConfigError(`unknown key "${k}" (expected one of: ${[...TOP_KEYS].join(", ")})`, file);
  if (c.extends !== undefined && c.extends !== "none" && !(typeof c.extends === "string" && c.extends in presets)) {
    throw new ConfigError(`"extends" must be one of: ${[...Object.keys(presets), "none"].join(", ")}; got ${JSON.stringify(c.extends)}`, file);
  }
  if (c.rules !== undefined) validateRules(c.rules, file);
  if (c.ignores !== undefined && !(Array.isArray(c.ignores) && c.ignores.every((g) => typeof g === "string"))) {
    throw new ConfigError(`"ignores" must be an array of glob strings`, file);
  }
  if (c.settings !== undefined && (typeof c.settings !== "object" || c.settings === null || Array.isArray(c.settings))) {
    throw new ConfigError(`"settings" must be an object`, file);
  }
  if (c.overrides !== undefined) {
    if (!Array.isArray(c.overrides)) throw new ConfigError(`"overrides" must be an array`, file);
    for (const o of c.overrides as Array<Record<string, unknown> | null>) {
      if (!o || !Array.isArray(o.files) || !o.files.every((g) => typeof g === "string")) {
        throw new ConfigError(`each override needs "files": an array of glob strings`, file);
      }
      validateRules(o.rules ?? {}, file);
    }
  }
}

function validateRules(rules: unknown, file?: string): void {
  if (typeof rules !== "object" || rules === null || Array.isArray(rules)) throw new ConfigError(`"rules" must be an object`, file);
  for (const [id, entry] of Object.entries(rules)) {
    const short = shortRuleId(id);
    if (!(short in plugin.rules)) {
      const known = Object.keys(plugin.rules);
      const near = known.find((k) => k.includes(short) || short.includes(k));
      throw new ConfigError(`unknown rule "${id}"${near ? ` (did you mean "${near}"?)` : ""}`, file);
    }
    const level: unknown = Array.isArray(entry) ? entry[0] : entry;
    if (!["off", "warn", "error", 0, 1, 2].includes(level as never)) {
      throw new ConfigError(`rule "${id}": severity must be "off", "warn" or "error" (or 0, 1, 2); got ${JSON.stringify(level)}`, file);
    }
  }
}

export function shortRuleId(id: string): string {
  return id.startsWith(`${PLUGIN_NAMESPACE}/`) ? id.slice(PLUGIN_NAMESPACE.length + 1) : id;
}
export function fullRuleId(id: string): string {
  return id.startsWith(`${PLUGIN_NAMESPACE}/`) ? id : `${PLUGIN_NAMESPACE}/${id}`;
}

function normalizeRules(rules: Record<string, RuleEntry> = {}): RulesMap {
  const out: RulesMap = {};
  for (const [id, entry] of Object.entries(rules)) out[fullRuleId(id)] = entry;
  return out;
}

/** Every file handed to the linter is a Dockerfile: match all paths. */
const ANY_FILE = (_: string) => true;

/**
 * A matcher for config globs, relative to `basePath` (the config file's folder). The Linter's
 * base path is the filesystem root, so string globs given to ESLint would not match as written.
 */
export function createPathMatcher(globs: string[], basePath: string): (filePath: string) => boolean {
  const matchers = globs.map((g) => new Minimatch(g, { dot: true }));
  return (filePath) => {
    const rel = path.relative(basePath, path.resolve(basePath, filePath)).split(path.sep).join("/");
    if (rel === "" || rel === ".." || rel.startsWith("../") || path.isAbsolute(rel)) return false;
    return matchers.some((m) => m.match(rel));
  };
}

/** Builds the ESLint flat config array for a docker-lint config; `basePath` anchors override globs. */
export function toFlatConfig(config: DockerLintConfig = {}, extraRules: Record<string, RuleEntry> = {}, basePath = process.cwd()): Linter.Config[] {
  const preset = config.extends === "none" ? {} : presets[config.extends ?? "recommended"] ?? {};
  const flat: Linter.Config[] = [
    {
      files: [ANY_FILE as never],
      plugins: { [PLUGIN_NAMESPACE]: plugin },
      language: `${PLUGIN_NAMESPACE}/dockerfile`,
      languageOptions: (config.languageOptions ?? {}),
      linterOptions: { reportUnusedDisableDirectives: "warn" },
      ...(config.settings ? { settings: config.settings } : {}),
      rules: { ...preset, ...normalizeRules(config.rules) },
    },
  ];
  for (const o of config.overrides ?? []) {
    flat.push({ files: [createPathMatcher(o.files, basePath) as never], rules: normalizeRules(o.rules) });
  }
  if (Object.keys(extraRules).length > 0) flat.push({ files: [ANY_FILE as never], rules: normalizeRules(extraRules) });
  return flat;
}

export interface LintTextOptions {
  filePath: string;
  fix?: boolean;
}

/**
 * Linter.verify() turns a plain config array into a FlatConfigArray and validates every rule's
 * options on each call (a third of the lint time); handed a FlatConfigArray it uses it as-is and
 * caches the merged config. ESLint does not export the class (see eslint-internals.ts): without
 * it, the plain array (same results, slower).
 */
function normalizeFlatConfig(configs: Linter.Config[], basePath: string): Linter.Config[] {
  const FlatConfigArray = flatConfigArrayClass();
  if (!FlatConfigArray) return configs;
  const array = new FlatConfigArray(configs, { basePath });
  array.normalizeSync();
  return array;
}

/** A reusable linter for one configuration. */
export class DockerLinter {
  /** ESLint's Linter and the normalised config, loaded on first need (see FastRunner). */
  #eslint: { linter: Linter; config: Linter.Config[] } | null = null;
  readonly #flat: Linter.Config[];
  readonly #root: string;
  readonly #fast: FastRunner | null;
  /**
   * False until ESLint has checked the user's rule options and language options, which Linter does
   * on the first file it lints: until then files go through Linter so a bad option fails the same way.
   */
  #validated: boolean;
  /** go.mod lookups of this linter's files, shared between files in the same folders. */
  readonly #goModLookups: GoModLookupCache = new Map();
  /** The constructor's arguments, for a worker thread to build the same linter. */
  readonly #init: LinterInit;

  /**
   * `basePath`: the folder override globs are relative to (the config file's folder; default `cwd`).
   * `optionsChecked`: ESLint has already checked this config's options in this process (lintFiles
   * tells its worker thread so), so the first file need not go through Linter to check them.
   * `shellcheckResults`: ShellCheck's comments on scripts, found by the thread that starts this
   * worker thread's linter (lintFiles), so the `shellcheck` rule here need not run it again.
   */
  constructor(
    config: DockerLintConfig = {},
    options: {
      cwd?: string;
      extraRules?: Record<string, RuleEntry>;
      basePath?: string;
      optionsChecked?: boolean;
      shellcheckResults?: Array<[string, ShellcheckComment[]]>;
    } = {},
  ) {
    const { optionsChecked = false, shellcheckResults, ...rest } = options;
    if (shellcheckResults) addShellcheckResults(shellcheckResults);
    this.#init = { config, options: rest };
    // Root as base path: every absolute path is "inside", so files anywhere can be linted.
    this.#root = path.parse(path.resolve(options.cwd ?? process.cwd())).root;
    this.#flat = toFlatConfig(config, options.extraRules, path.resolve(options.basePath ?? options.cwd ?? process.cwd()));
    this.#fast = createFastRunner(this.#flat, this.#root);
    const userSettings = Object.keys(config.rules ?? {}).length + Object.keys(options.extraRules ?? {}).length + Object.keys(config.languageOptions ?? {}).length;
    this.#validated = optionsChecked || userSettings === 0 || (this.#fast !== null && fastRunnerCertainlyValid(this.#fast));
  }

  /** Runs `fn` with this linter's remembered go.mod lookups (the folders its files asked about). */
  withGoModLookups<T>(fn: () => T): T {
    return withGoModLookupCache(this.#goModLookups, fn);
  }

  /** Whether any config entry turns the rule on (short id, e.g. `shellcheck`). */
  usesRule(id: string): boolean {
    const key = `${PLUGIN_NAMESPACE}/${id}`;
    return this.#flat.some((c) => {
      const entry = (c.rules as Record<string, unknown> | undefined)?.[key];
      const severity: unknown = Array.isArray(entry) ? entry[0] : entry;
      return severity !== undefined && severity !== 0 && severity !== "off";
    });
  }

  #eslintLinter(): { linter: Linter; config: Linter.Config[] } {
    if (!this.#eslint) {
      const LinterClass = linterClass();
      this.#eslint = { linter: new LinterClass({ configType: "flat", cwd: this.#root }), config: normalizeFlatConfig(this.#flat, this.#root) };
    }
    return this.#eslint;
  }

  /**
   * Reads and lints files, results in the order given (unreadable, binary or oversized files get
   * one fatal message); `parallel` shares them with a worker thread.
   */
  async lintFiles(files: string[], options: LintFilesOptions = {}): Promise<FileLintResult[]> {
    const { lintFiles } = await import("./lint-files.js");
    if (this.usesRule("shellcheck")) {
      // ShellCheck on every file's scripts, many per process and one process per core, while
      // this thread lints (each file once its scripts are checked). The cores are ShellCheck's
      // then; worker threads take a share of the files left once it is done.
      const { startFilesShellcheck } = await import("./shellcheck-files.js");
      const shellcheck = await startFilesShellcheck(files, options.sizes);
      if (shellcheck) {
        try {
          return await lintFiles(this, { ...this.#init, optionsChecked: this.#validated }, files, options, shellcheck);
        } finally {
          shellcheck.close();
        }
      }
    }
    return lintFiles(this, { ...this.#init, optionsChecked: this.#validated }, files, options);
  }

  /**
   * Reads and lints one file: unreadable, binary or oversized files get one fatal message.
   * `knownSize`: its size, when the caller has just found it to be a regular file (saves a stat).
   */
  lintFile(file: string, { fix = false, knownSize, read: given }: { fix?: boolean; knownSize?: number; read?: ReadFile } = {}): FileLintResult {
    const read = given ?? readSourceFile(file, knownSize);
    if (!read.ok) return { file, result: toResult(file, [read.problem], []) };
    const result = this.#lint(read.text, file, fix, given?.parsed);
    return result.output !== undefined ? { file, result, text: read.text } : { file, result };
  }

  lintText(text: string, { filePath, fix = false }: LintTextOptions): LintResult {
    return this.#lint(text, filePath, fix);
  }

  /** `parsed`: the parser's result for `text` without its BOM, when the caller has it already. */
  #lint(text: string, filePath: string, fix: boolean, parsed?: ParseResult): LintResult {
    const source = withoutBom(text);
    const bom = source !== text;
    const absolute = path.resolve(filePath);
    if (this.#fast && this.#validated) {
      const fast = withGoModLookupCache(this.#goModLookups, () => this.#fast!.lint(source, absolute, parsed));
      // With nothing to fix, Linter's verifyAndFix gives exactly verify's messages; else let it fix.
      if (fast && !(fix && fast.some((m) => m.fix))) return toResult(absolute, promoteCheckErrors(source, fast), [], text);
    }
    const { linter, config } = this.#eslintLinter();
    let messages: LintMessage[];
    let output: string | undefined;
    if (fix) {
      const r = withGoModLookupCache(this.#goModLookups, () => linter.verifyAndFix(source, config, { filename: absolute, fix: true }));
      messages = r.messages;
      if (r.fixed) output = (bom ? "\uFEFF" : "") + r.output;
    } else {
      messages = withGoModLookupCache(this.#goModLookups, () => linter.verify(source, config, { filename: absolute }));
    }
    // Linter has now checked the config (it throws on bad options before linting).
    this.#validated = true;
    const suppressed = (linter as unknown as { getSuppressedMessages(): LintMessage[] }).getSuppressedMessages();
    return toResult(absolute, promoteCheckErrors(source, messages), suppressed, text, output);
  }
}

/**
 * Whether ESLint would certainly accept the lean runner's rule options and language options, so
 * that the first file need not go through Linter just to have them checked (runner/options-check.ts).
 */
function fastRunnerCertainlyValid(fast: FastRunner): boolean {
  try {
    fast.language.validateLanguageOptions(fast.languageOptions);
  } catch {
    return false;
  }
  return optionsCertainlyValid(fast.rules, fast.ruleFor);
}

/**
 * The leaner runner, when the config gives every file the same rules (no overrides) and ESLint's
 * parts it needs are where expected; else null and Linter does everything.
 */
function createFastRunner(flat: Linter.Config[], root: string): FastRunner | null {
  if (process.env.DOCKER_LINT_RUNNER === "eslint") return null;
  const eslint = leanRunnerParts();
  if (!eslint) return null;
  if (!flat.every((c) => c.files?.length === 1 && c.files[0] === (ANY_FILE as never))) return null;
  const byId = new Map(Object.entries(plugin.rules).map(([id, rule]) => [`${PLUGIN_NAMESPACE}/${id}`, rule]));
  const ruleFor = (id: string) => byId.get(id);
  const rules = resolveRules(
    flat.map((c) => (c.rules ?? {}) as Record<string, unknown>),
    ruleFor,
    eslint.deepMergeArrays.bind(eslint),
  );
  if (!rules) return null;
  const language = plugin.languages.dockerfile;
  const languageOptions = { ...language.defaultLanguageOptions, ...((flat[0]?.languageOptions ?? {}) as Record<string, unknown>) };
  return new FastRunner(eslint, language, rules, ruleFor, languageOptions, root, (flat[0]?.settings ?? {}));
}

export function toResult(filePath: string, messages: LintMessage[], suppressed: LintMessage[], source?: string, output?: string): LintResult {
  let errorCount = 0, fatalErrorCount = 0, warningCount = 0, fixableErrorCount = 0, fixableWarningCount = 0;
  for (const m of messages) {
    if (m.severity === 2) {
      errorCount++;
      if (m.fatal) fatalErrorCount++;
      if (m.fix) fixableErrorCount++;
    } else {
      warningCount++;
      if (m.fix) fixableWarningCount++;
    }
  }
  const result: LintResult = {
    filePath,
    messages,
    suppressedMessages: suppressed,
    errorCount,
    fatalErrorCount,
    warningCount,
    fixableErrorCount,
    fixableWarningCount,
    usedDeprecatedRules: [],
  };
  if (output !== undefined) result.output = output;
  else if (messages.length > 0 && source !== undefined) result.source = source;
  return result;
}
