/**
 * `docker-lint [files | folders | globs]`: finds Dockerfiles, lints them with the configured
 * rules, applies fixes on request and prints a report. Exit codes: 0 clean, 1 problems,
 * 2 usage, config or internal errors.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { VERSION } from "../version.js";
import { debugEnabled } from "../debug.js";
import type { DockerLintConfig, LintResult } from "../runner/lint.js";
import type { RuleEntry } from "../presets.js";
import type { FormatName } from "../formatters/index.js";

const HELP = `Usage: docker-lint [options] [files | folders | globs | -]
       docker-lint explain <rule | hadolint code | BuildKit check>

Lints Dockerfile, Dockerfile.*, Dockerfile-*, *.Dockerfile, *.dockerfile and Containerfile files
(the current folder when no path is given; .gitignore, node_modules and .devcontainer are skipped).

Options:
  -f, --format <name>        stylish (default), json, sarif, github, checkstyle, codeclimate,
                             gitlab, gnu, sonarqube, or an eslint-formatter-<name> package
      --fix                  Apply fixes and write the files
      --fix-dry-run          Apply fixes in the report only (json shows "output"); write nothing
  -c, --config <file>        Config file (default: nearest docker-lint.config.{json,mjs,js} upward,
                             with the nearest .hadolint.yaml beneath it); a .hadolint.yaml works too
      --rule <rule: level>   Set a rule, e.g. 'require-multi-stage: off' or
                             '{"no-unpinned-toolchain": ["error", {"level": "patch"}]}' (repeatable)
      --max-warnings <n>     Exit with 1 when there are more than n warnings
  -t, --failure-threshold <level>
                             error (default): exit 1 on errors only; warning, info, style, none:
                             on warnings too (hadolint's levels below error are our warnings)
      --quiet                Report errors only
      --stdin, -             Lint the text on stdin
      --stdin-filename <p>   Path used for stdin in reports and for the go.mod lookup
  -o, --output-file <path>   Write the report to a file
      --print-config <file>  Print the effective config for a file as JSON and exit
      --no-progress          Never show the progress line on stderr
      --no-color             No colours in stylish output (as NO_COLOR)
      --cache                Only lint files changed since the last --cache run (same version,
                             config and go.mod); replay the others' results
      --cache-location <p>   Cache file or folder (default: .docker-lint-cache)
      --list-rules           Print every rule with its preset, fixes and hadolint/BuildKit/Trivy/Checkov
                             equivalents, and exit (--format json: as JSON)
      --init                 Write a docker-lint.config.json here (with --from-hadolint: from .hadolint.yaml)
  -h, --help                 Show this help
  -v, --version              Show the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 problems found, 2 usage, config or internal error.
`;

/** Wrong command line: exit 2 with the message. */
class UsageError extends Error {}

interface CliOptions {
  format: FormatName;
  fix: boolean;
  fixDryRun: boolean;
  config?: string;
  rules: string[];
  maxWarnings: number;
  quiet: boolean;
  stdin: boolean;
  stdinFilename?: string;
  outputFile?: string;
  printConfig?: string;
  failureThreshold?: string;
  cache: boolean;
  cacheLocation?: string;
  color: boolean;
  init: boolean;
  listRules: boolean;
  fromHadolint: boolean;
  progress: boolean;
  help: boolean;
  version: boolean;
  paths: string[];
}

const VALUE_OPTIONS: Record<string, string> = {
  "-f": "format",
  "--format": "format",
  "-c": "config",
  "--config": "config",
  "--rule": "rule",
  "--max-warnings": "max-warnings",
  "--stdin-filename": "stdin-filename",
  "-o": "output-file",
  "--output-file": "output-file",
  "--print-config": "print-config",
  "-t": "failure-threshold",
  "--failure-threshold": "failure-threshold",
  "--cache-location": "cache-location",
};
const FLAG_OPTIONS: Record<string, string> = {
  "--fix": "fix",
  "--fix-dry-run": "fix-dry-run",
  "--quiet": "quiet",
  "--stdin": "stdin",
  "--no-progress": "no-progress",
  "--no-color": "no-color",
  "--cache": "cache",
  "--init": "init",
  "--list-rules": "list-rules",
  "--from-hadolint": "from-hadolint",
  "-h": "help",
  "--help": "help",
  "-v": "version",
  "--version": "version",
};
const FAILURE_THRESHOLDS = ["error", "warning", "info", "style", "none", "ignore"];

function parseArgs(argv: string[]): CliOptions {
  const o: CliOptions = {
    format: "stylish",
    fix: false,
    fixDryRun: false,
    rules: [],
    maxWarnings: -1,
    quiet: false,
    stdin: false,
    cache: false,
    color: true,
    init: false,
    listRules: false,
    fromHadolint: false,
    progress: true,
    help: false,
    version: false,
    paths: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      o.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      o.paths.push(arg);
      continue;
    }
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const flag = FLAG_OPTIONS[name];
    if (flag) {
      if (eq > 0) throw new UsageError(`option ${name} takes no value`);
      if (flag === "fix") o.fix = true;
      else if (flag === "fix-dry-run") o.fixDryRun = true;
      else if (flag === "quiet") o.quiet = true;
      else if (flag === "stdin") o.stdin = true;
      else if (flag === "no-progress") o.progress = false;
      else if (flag === "no-color") o.color = false;
      else if (flag === "cache") o.cache = true;
      else if (flag === "init") o.init = true;
      else if (flag === "list-rules") o.listRules = true;
      else if (flag === "from-hadolint") o.fromHadolint = true;
      else if (flag === "help") o.help = true;
      else o.version = true;
      continue;
    }
    const option = VALUE_OPTIONS[name];
    if (!option) throw new UsageError(`unknown option ${name} (see docker-lint --help)`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[++i];
      if (value === undefined) throw new UsageError(`option ${name} needs a value`);
    }
    switch (option) {
      case "format":
        // Built-in names, or an eslint-formatter-<name> package: checked when loaded.
        if (value === "") throw new UsageError("--format needs a name");
        o.format = value as FormatName;
        break;
      case "failure-threshold":
        if (!FAILURE_THRESHOLDS.includes(value)) throw new UsageError(`--failure-threshold must be one of: ${FAILURE_THRESHOLDS.slice(0, 5).join(", ")}; got "${value}"`);
        o.failureThreshold = value === "ignore" ? "none" : value;
        break;
      case "cache-location":
        o.cacheLocation = value;
        break;
      case "config":
        o.config = value;
        break;
      case "rule":
        o.rules.push(value);
        break;
      case "max-warnings":
        // -1 means no limit, as in ESLint.
        if (!/^(?:\d+|-1)$/.test(value)) throw new UsageError(`--max-warnings needs a whole number of 0 or more (-1: no limit); got "${value}"`);
        o.maxWarnings = Number(value);
        break;
      case "stdin-filename":
        o.stdinFilename = value;
        break;
      case "output-file":
        o.outputFile = value;
        break;
      case "print-config":
        o.printConfig = value;
        break;
    }
  }
  // `-` alone stands for stdin, as in hadolint.
  if (o.paths.length === 1 && o.paths[0] === "-") {
    o.paths = [];
    o.stdin = true;
  } else if (o.paths.includes("-")) throw new UsageError("- (stdin) cannot be combined with file arguments");
  if (o.listRules && o.format !== "stylish" && o.format !== "json") throw new UsageError(`--list-rules prints a table, or JSON with --format json; got --format ${o.format}`);
  if (o.fromHadolint && !o.init) throw new UsageError("--from-hadolint needs --init");
  if (o.fix && o.fixDryRun) throw new UsageError("--fix and --fix-dry-run cannot be used together");
  if (o.stdin && o.fix) throw new UsageError("--fix cannot write to stdin; use --fix-dry-run to get the fixed text in the json report");
  if (o.stdin && o.paths.length > 0) throw new UsageError("file arguments cannot be combined with --stdin");
  if (o.stdinFilename !== undefined && !o.stdin) throw new UsageError("--stdin-filename needs --stdin");
  return o;
}

/** `--rule` values: `id: level`, `id: [level, options]`, several comma-separated, or a JSON object. */
async function parseRuleOptions(values: string[]): Promise<Record<string, RuleEntry>> {
  const { ConfigCommentParser } = await import("@eslint/plugin-kit");
  const parser = new ConfigCommentParser();
  const rules: Record<string, RuleEntry> = {};
  for (const value of values) {
    if (/:\s*$/.test(value.trim())) throw new UsageError(`--rule "${value}": give a level after the colon (off, warn or error)`);
    // `id: level` is read directly so a misspelt level gets the config's "severity must be" message.
    const simple = /^([@\w./-]+)\s*:\s*(\w+)$/.exec(value.trim());
    if (simple) {
      rules[simple[1]!] = (/^\d+$/.test(simple[2]!) ? Number(simple[2]) : simple[2]) as RuleEntry;
      continue;
    }
    const parsed = parser.parseJSONLikeConfig(value.trim());
    if (!parsed.ok) throw new UsageError(`--rule "${value}": expected 'rule-id: level' or a JSON object (${parsed.error.message})`);
    Object.assign(rules, parsed.config);
  }
  return rules;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();

function writeOut(text: string): void {
  process.stdout.write(text);
}
function writeErr(text: string): void {
  process.stderr.write(text);
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    if (err instanceof UsageError) {
      writeErr(`docker-lint: ${err.message}\n`);
      return 2;
    }
    if (err.name === "ConfigError" || err.name === "DiscoveryError" || err.name === "FormatError") {
      writeErr(`docker-lint: ${oneLine(err.message)}\n`);
      return 2;
    }
    const debug = debugEnabled();
    writeErr(`docker-lint: internal error: ${oneLine(err.message)}${debug ? "" : " (set DEBUG=docker-lint to see the stack trace)"}\n`);
    if (debug) writeErr(`${err.stack ?? ""}\n`);
    return 2;
  }
}

async function run(argv: string[]): Promise<number> {
  if (argv[0] === "explain") {
    const { explain } = await import("./explain.js");
    return explain(argv.slice(1), writeOut, writeErr);
  }
  const options = parseArgs(argv);
  if (options.help) {
    writeOut(HELP);
    return 0;
  }
  if (options.version) {
    writeOut(`${VERSION}\n`);
    return 0;
  }
  if (options.listRules) {
    const { ruleCatalog, formatCatalogTable } = await import("../catalog/catalog.js");
    const catalog = ruleCatalog();
    writeOut(options.format === "json" ? `${JSON.stringify(catalog, null, 2)}\n` : formatCatalogTable(catalog));
    return 0;
  }
  const cwd = process.cwd();
  if (options.init) {
    const { init } = await import("./init.js");
    return init({ cwd, fromHadolint: options.fromHadolint, config: options.config }, writeOut, writeErr);
  }
  const lint = await import("../runner/lint.js");
  const { ConfigError } = lint;

  // Config: --config, else the nearest config file upward (over the nearest .hadolint.yaml), else the recommended preset.
  const sources = await (await import("../runner/hadolint-config.js")).loadConfigSources(cwd, options.config);
  const configFile = sources.configFile;
  const config: DockerLintConfig = sources.config;
  const failureThreshold = options.failureThreshold ?? sources.hadolint?.failureThreshold;
  const basePath = configFile ? path.dirname(configFile) : cwd;
  const extraRules = await parseRuleOptions(options.rules);
  const validateConfig: (c: unknown, file?: string) => void = lint.validateConfig;
  try {
    validateConfig({ rules: extraRules });
  } catch (e) {
    throw new ConfigError(`--rule: ${(e as Error).message}`);
  }
  const linter = new lint.DockerLinter(config, { cwd, extraRules, basePath });
  preflight(lint, linter, config, configFile, extraRules, cwd);

  if (options.printConfig !== undefined) {
    const { effectiveConfig } = await import("./print-config.js");
    writeOut(`${JSON.stringify(effectiveConfig(config, configFile, extraRules, path.resolve(cwd, options.printConfig), basePath), null, 2)}\n`);
    return 0;
  }

  const { loadFormatter } = await import("../formatters/index.js");
  // Loaded before linting, so that an unknown format fails at once.
  const formatter = await loadFormatter(options.format, cwd);

  const fix = options.fix || options.fixDryRun;
  const { decodeSource, fatalMessage } = await import("../runner/read-source.js");
  const results: LintResult[] = [];

  if (options.stdin) {
    const read = decodeSource(await readStdin());
    const filePath = options.stdinFilename !== undefined ? path.resolve(cwd, options.stdinFilename) : "<text>";
    if (!read.ok) results.push(lint.toResult(filePath, [read.problem], []));
    else {
      const result = linter.lintText(read.text, { filePath: options.stdinFilename !== undefined ? filePath : path.join(cwd, "<text>"), fix });
      result.filePath = filePath;
      results.push(result);
    }
  } else {
    const { discoverFiles } = await import("../runner/discover.js");
    const sizes = new Map<string, number>();
    const roots = new Map<string, string[]>();
    const files = await discoverFiles(options.paths, {
      cwd,
      sizes,
      roots,
      ignores: config.ignores && configFile ? { globs: config.ignores, basePath } : undefined,
    });
    if (files.length === 0) writeErr("docker-lint: no Dockerfiles found (looked for Dockerfile, Dockerfile.*, Dockerfile-*, *.Dockerfile, *.dockerfile, Containerfile)\n");
    const progress = options.progress && files.length > 50 && process.stderr.isTTY && options.format !== "json" && options.format !== "sarif"
      ? new Progress(files.length)
      : null;
    const { writeFixedFile, FixNotWritten } = options.fix ? await import("../runner/fix-writer.js") : { writeFixedFile: null, FixNotWritten: null };
    // --cache: results of unchanged files are replayed (not with fixes: those rewrite the files).
    const cache = options.cache && !fix ? await openCache(options, config, extraRules, cwd) : null;
    const cached = new Map<string, LintResult>();
    const keys = new Map<string, string>();
    let toLint = files;
    if (cache) {
      toLint = [];
      for (const file of files) {
        const now = cache.keyOf(file);
        const hit = now && cache.lookup(file, now.key, now.text);
        if (hit) cached.set(file, hit);
        else {
          if (now) keys.set(file, now.key);
          toLint.push(file);
        }
      }
    }
    const { cliWorkerCount } = await import("../runner/lint-files.js");
    const workers = cliWorkerCount(toLint.length);
    let linted: Awaited<ReturnType<typeof linter.lintFiles>>;
    try {
      linted = await linter.lintFiles(toLint, { fix, sizes, parallel: workers, onFile: () => progress?.tick() });
    } finally {
      progress?.done();
    }
    if (cache) {
      for (const { file, result } of linted) {
        const key = keys.get(file);
        if (key) cache.store(file, key, result);
      }
      try {
        cache.save();
      } catch (e) {
        writeErr(`docker-lint: cannot write the cache ${cache.file}: ${oneLine((e as Error).message)}\n`);
      }
      // Back in the order the files were found.
      const fresh = new Map(linted.map((l) => [l.file, l]));
      linted = files.map((file) => fresh.get(file) ?? { file, result: cached.get(file)! });
    }
    const written = new Set<string>();
    for (const { file, result, text } of linted) {
      if (writeFixedFile && result.output !== undefined && text !== undefined) {
        try {
          writeFixedFile(file, result.output, text, { within: roots.get(file), written });
        } catch (e) {
          const problem = e instanceof FixNotWritten
            ? fatalMessage(e.message)
            : fatalMessage(`Cannot write the fixed file (${oneLine((e as Error).message)}). Check that its folder is writable.`);
          // The file keeps its text: report that text's problems, not those left in the fixed one.
          const unfixed = linter.lintText(text, { filePath: file });
          results.push(lint.toResult(file, [problem, ...unfixed.messages], unfixed.suppressedMessages, text));
          continue;
        }
      }
      results.push(result);
    }
  }

  // A go.mod the engine could not use is skipped silently there: say so, once per go.mod.
  if (config.languageOptions?.goMod === undefined) {
    const linted = results.map((r) => r.filePath).filter((f) => path.isAbsolute(f) && !f.endsWith(`${path.sep}<text>`));
    const { goModWarnings } = await import("./gomod-warnings.js");
    // With the linter's remembered lookups: it has just asked about the same folders.
    for (const warning of linter.withGoModLookups(() => goModWarnings(linted, cwd, config.languageOptions?.buildContext))) writeErr(`${warning}\n`);
  }

  // Exit status counts every problem; --quiet only changes what is printed.
  let errorCount = 0;
  let warningCount = 0;
  for (const r of results) {
    errorCount += r.errorCount;
    warningCount += r.warningCount;
  }
  const tooManyWarnings = options.maxWarnings >= 0 && warningCount > options.maxWarnings;
  // hadolint's failure threshold: below `error`, warnings fail the run too.
  const warningsFail = failureThreshold !== undefined && failureThreshold !== "error" && warningCount > 0;
  const shown = options.quiet ? errorResults(results) : results;

  const color =
    options.color && !sources.hadolint?.noColor && options.outputFile === undefined && process.stdout.isTTY && process.env.NO_COLOR === undefined;
  const { plugin } = await import("../plugin.js");
  const rulesMeta = Object.fromEntries(Object.entries(plugin.rules).map(([id, rule]) => [lint.fullRuleId(id), (rule.meta ?? {}) as never]));
  const output = formatter(shown, { cwd, color, rulesMeta, version: VERSION });

  if (options.outputFile !== undefined) {
    const target = path.resolve(cwd, options.outputFile);
    try {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, output);
    } catch (e) {
      writeErr(`docker-lint: cannot write the report to ${options.outputFile}: ${oneLine((e as Error).message)}\n`);
      return 2;
    }
  } else if (output) {
    writeOut(`${output}\n`);
  }
  if (errorCount === 0 && tooManyWarnings) writeErr(`docker-lint found too many warnings (maximum: ${options.maxWarnings}).\n`);
  return errorCount > 0 || tooManyWarnings || warningsFail ? 1 : 0;
}

/** The --cache store for this run: its key covers the version, the effective config and --rule. */
async function openCache(options: CliOptions, config: DockerLintConfig, extraRules: Record<string, RuleEntry>, cwd: string) {
  const { LintCache, DEFAULT_CACHE_LOCATION } = await import("../runner/cache.js");
  const run = JSON.stringify({ version: VERSION, config, extraRules });
  return new LintCache(path.resolve(cwd, options.cacheLocation ?? DEFAULT_CACHE_LOCATION), run, config.languageOptions ?? {});
}

/**
 * Rule options are validated by ESLint when a file is linted; lint an empty text once per rule
 * set first so a bad option is a config error (exit 2), not a crash halfway through the files.
 */
function preflight(
  lint: typeof import("../runner/lint.js"),
  linter: InstanceType<typeof import("../runner/lint.js").DockerLinter>,
  config: DockerLintConfig,
  configFile: string | null,
  extraRules: Record<string, RuleEntry>,
  cwd: string,
): void {
  const probe = path.join(cwd, "Dockerfile");
  const check = (source: string | undefined, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      throw new lint.ConfigError(`invalid configuration: ${oneLine((e as Error).message)}`, source);
    }
  };
  const alone = (rules: Record<string, RuleEntry>) => () =>
    void new lint.DockerLinter({ extends: "none", rules, languageOptions: { goMod: false } }).lintText("", { filePath: probe });
  if (config.overrides?.length) for (const o of config.overrides) check(configFile ?? undefined, alone(o.rules ?? {}));
  if (Object.keys(extraRules).length > 0) check("--rule", alone(extraRules));
  check(configFile ?? undefined, () => void linter.lintText("", { filePath: probe }));
}

function errorResults(results: LintResult[]): LintResult[] {
  const out: LintResult[] = [];
  for (const r of results) {
    const messages = r.messages.filter((m) => m.severity === 2);
    if (messages.length === 0) continue;
    out.push({
      ...r,
      messages,
      suppressedMessages: r.suppressedMessages.filter((m) => m.severity === 2),
      errorCount: messages.length,
      warningCount: 0,
      fixableWarningCount: 0,
    });
  }
  return out;
}

async function readStdin(): Promise<Buffer> {
  const { MAX_SOURCE_BYTES } = await import("../runner/read-source.js");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    // Enough to refuse it as too large; no need to hold the rest.
    if (size > MAX_SOURCE_BYTES) break;
  }
  return Buffer.concat(chunks);
}

/** `linting 120/381 files…` on stderr, redrawn at most every 100 ms and erased at the end. */
class Progress {
  #last = 0;
  #done = 0;
  #shown = false;
  constructor(readonly total: number) {}
  tick(): void {
    this.#done++;
    const now = Date.now();
    if (now - this.#last < 100 && this.#done !== 1) return;
    this.#last = now;
    this.#shown = true;
    process.stderr.write(`\rlinting ${this.#done}/${this.total} files…`);
  }
  done(): void {
    if (this.#shown) process.stderr.write("\r\u001b[K");
  }
}
