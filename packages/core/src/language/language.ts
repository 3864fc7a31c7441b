/**
 * The ESLint language for Dockerfiles: parse() builds the plain AST, createSourceCode() adds
 * the semantic model (and go.mod facts, which only the engine reads from disk).
 */
import path from "node:path";
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from "@eslint/plugin-kit";
import type { File, FileProblem, Language, OkParseResult, ParseResult as EslintParseResult, RulesConfig } from "@eslint/core";
import { parse, visitorKeys, type CommentNode, type DockerfileAstNode, type DockerfileNode } from "./ast.js";
import { buildModel, type DockerfileModel } from "../model/model.js";
import { findGoMod, findGoWork, isVendored, parseGoMod, parseGoWork, readGoMod, readGoWork, relativeGoModPath, type GoModFacts } from "../model/gomod.js";
import { absolutePath, relativeInside } from "../model/paths.js";
import { readPragmas, type Pragmas } from "./pragmas.js";
import { parseDockerignore, readDockerignore, type DockerignoreFacts } from "../model/dockerignore.js";
import { PRELUDE_LINES, shellcheckScripts, type ShellcheckComment, type ShellcheckScript } from "../model/shellcheck-scripts.js";

/** A ShellCheck comment placed in the Dockerfile. */
/** ShellCheck's comments on each script, in order; null when ShellCheck is not installed. */
export type ShellcheckRunner = (scripts: string[]) => Array<ShellcheckComment[]> | null;

const noShellcheck: ShellcheckRunner = () => null;

export interface ShellcheckFinding extends ShellcheckComment {
  script: ShellcheckScript;
}

export interface DockerfileLanguageOptions {
  /**
   * go.mod source to use instead of searching the file system; `false` turns go.mod lookup off.
   * Mostly for tests and editors with unsaved buffers.
   */
  goMod?: string | false;
  /** Build context folder, relative to the Dockerfile's folder, used to find copied go.mod files and `.dockerignore`. */
  buildContext?: string;
  /**
   * `.dockerignore` source to use instead of reading the build context; `false` turns it off.
   * Mostly for tests and editors with unsaved buffers.
   */
  dockerignore?: string | false;
  /**
   * go.work source to use instead of searching upward from go.mod (taken as the build context
   * root's go.work); `false` turns it off. Mostly for tests and editors with unsaved buffers.
   */
  goWork?: string | false;
  [key: string]: unknown;
}

const commentParser = new ConfigCommentParser();
const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;

export class DockerfileSourceCode extends TextSourceCodeBase<{
  LangOptions: DockerfileLanguageOptions;
  RootNode: DockerfileNode;
  SyntaxElementWithLoc: DockerfileAstNode;
  ConfigNode: CommentNode;
}> {
  declare ast: DockerfileNode;
  /** Body nodes, whose parent is the root; built on the first getParent() call (rules seldom ask). */
  #bodyNodes: Set<object> | null = null;
  readonly #goMod: GoModFacts | null;
  #model: DockerfileModel | null = null;
  #inlineConfigNodes: CommentNode[] | null = null;
  #pragmas: Pragmas | null = null;
  readonly #loadDockerignore: () => DockerignoreFacts | null;
  #dockerignore: DockerignoreFacts | null | undefined;
  readonly #runShellcheck: ShellcheckRunner;

  constructor({
    text,
    ast,
    goMod = null,
    dockerignore = () => null,
    shellcheck = noShellcheck,
  }: {
    text: string;
    ast: DockerfileNode;
    goMod?: GoModFacts | null;
    /** Reads the build context's ignore file; called on first use only (few rules ask). */
    dockerignore?: () => DockerignoreFacts | null;
    /** Runs ShellCheck on scripts (the runner's, given by the plugin); default: not installed. */
    shellcheck?: ShellcheckRunner;
  }) {
    // Lone CRs end lines here as they do in LineIndex, ESLint's JS SourceCode and editors (Docker's
    // scanner splits on \n only); plugin-kit's default, /\r?\n/, would put a column past a lone CR.
    super({ text, ast, lineEndingPattern: /\r\n|\r|\n/u });
    this.#goMod = goMod;
    this.#loadDockerignore = dockerignore;
    this.#runShellcheck = shellcheck;
  }

  /** The build context's `.dockerignore` (or `<Dockerfile>.dockerignore`), parsed; null when none. */
  get dockerignore(): DockerignoreFacts | null {
    if (this.#dockerignore === undefined) this.#dockerignore = this.#loadDockerignore();
    return this.#dockerignore;
  }

  /** The semantic model: stages, resolved images, env, commands, go builds, go.mod facts. */
  get model(): DockerfileModel {
    this.#model ??= buildModel(this.ast, this.#goMod);
    return this.#model;
  }

  /** hadolint and BuildKit suppression comments (`# hadolint ignore=…`, `# check=skip=…`), see pragmas.ts. */
  get pragmas(): Pragmas {
    this.#pragmas ??= readPragmas(this.ast, this.text);
    return this.#pragmas;
  }

  /**
   * ShellCheck's comments on the file's RUN scripts, at Dockerfile lines and columns; null when
   * ShellCheck is not installed. Checked on first call unless the runner has checked them already.
   */
  shellcheck(): ShellcheckFinding[] | null {
    const scripts = shellcheckScripts(this.ast, this.text, this.pragmas.shell);
    if (scripts.length === 0) return [];
    const comments = this.#runShellcheck(scripts.map((s) => s.text));
    if (!comments) return null;
    const findings: ShellcheckFinding[] = [];
    scripts.forEach((script, i) => {
      for (const c of comments[i]!) {
        const line = c.line - PRELUDE_LINES;
        const endLine = c.endLine - PRELUDE_LINES;
        if (line < 1) continue; // about the prelude docker-lint wrote, not the Dockerfile
        findings.push({
          ...c,
          script,
          line: script.line + line - 1,
          column: line === 1 ? script.column + c.column - 1 : c.column,
          endLine: script.line + Math.max(endLine, line) - 1,
          endColumn: endLine <= 1 ? script.column + c.endColumn - 1 : c.endColumn,
        });
      }
    });
    return findings;
  }

  /**
   * JavaScript compatibility shim. ESLint's core rules declare no `meta.languages`, so a JS config
   * without `files` (such as `js.configs.recommended`) runs them on Dockerfiles too, and
   * `no-irregular-whitespace` calls this while loading, crashing ESLint. A Dockerfile holds no
   * JavaScript comments, so the honest answer is none; the rule's JS visitors then never fire.
   * (Dockerfile comments are in `ast.comments`.)
   */
  getAllComments(): never[] {
    return [];
  }

  override getParent(node: DockerfileAstNode): DockerfileAstNode | undefined {
    this.#bodyNodes ??= new Set(this.ast.body);
    return this.#bodyNodes.has(node) ? this.ast : undefined;
  }

  getInlineConfigNodes(): CommentNode[] {
    this.#inlineConfigNodes ??= this.ast.comments.filter((c) => INLINE_CONFIG.test(c.value));
    return this.#inlineConfigNodes;
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed) continue;
      const { label, value, justification } = parsed;
      switch (label) {
        case "eslint-disable":
        case "eslint-enable":
        case "eslint-disable-next-line":
        case "eslint-disable-line":
          directives.push(
            new Directive({
              type: label.slice("eslint-".length) as "disable" | "enable" | "disable-next-line" | "disable-line",
              node: comment,
              value,
              justification,
            }),
          );
          break;
        default:
          break;
      }
    }
    return { problems, directives };
  }

  applyInlineConfig(): { configs: Array<{ config: { rules: RulesConfig }; loc: CommentNode["loc"] }>; problems: FileProblem[] } {
    const configs: Array<{ config: { rules: RulesConfig }; loc: CommentNode["loc"] }> = [];
    const problems: FileProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const parsed = commentParser.parseDirective(comment.value);
      if (!parsed || parsed.label !== "eslint") continue;
      const result = commentParser.parseJSONLikeConfig(parsed.value);
      if (result.ok) configs.push({ config: { rules: result.config }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    return { configs, problems };
  }

  override *traverse(): Iterable<VisitNodeStep> {
    const root = this.ast;
    yield new VisitNodeStep({ target: root, phase: 1, args: [root, undefined] });
    for (const node of root.body) {
      yield new VisitNodeStep({ target: node, phase: 1, args: [node, root] });
      yield new VisitNodeStep({ target: node, phase: 2, args: [node, root] });
    }
    yield new VisitNodeStep({ target: root, phase: 2, args: [root, undefined] });
  }
}

/** @public (the language id ESLint configs name) */
export const LANGUAGE_ID = "dockerfile";

export class DockerfileLanguage implements Language {
  readonly fileType = "text" as const;
  readonly lineStart = 1 as const;
  readonly columnStart = 1 as const;
  readonly nodeTypeKey = "type";
  readonly visitorKeys = visitorKeys;
  readonly defaultLanguageOptions: DockerfileLanguageOptions = {};
  readonly #runShellcheck: ShellcheckRunner;

  /** `shellcheck`: how to run ShellCheck on scripts; the language itself never starts a process. */
  constructor({ shellcheck = noShellcheck }: { shellcheck?: ShellcheckRunner } = {}) {
    this.#runShellcheck = shellcheck;
  }

  validateLanguageOptions(options: DockerfileLanguageOptions): void {
    // Only our own keys are checked: options from unscoped configs (parser, globals…) reach us too.
    if (options.goMod !== undefined && options.goMod !== false && typeof options.goMod !== "string") {
      throw new TypeError("Expected languageOptions.goMod to be a string or false.");
    }
    if (options.buildContext !== undefined && typeof options.buildContext !== "string") {
      throw new TypeError("Expected languageOptions.buildContext to be a string.");
    }
    if (options.dockerignore !== undefined && options.dockerignore !== false && typeof options.dockerignore !== "string") {
      throw new TypeError("Expected languageOptions.dockerignore to be a string or false.");
    }
    if (options.goWork !== undefined && options.goWork !== false && typeof options.goWork !== "string") {
      throw new TypeError("Expected languageOptions.goWork to be a string or false.");
    }
  }

  parse(file: File): EslintParseResult<DockerfileNode> {
    const text = typeof file.body === "string" ? file.body : new TextDecoder("utf-8", { fatal: false }).decode(file.body);
    const result = parse(text);
    if (!result.ok) return { ok: false, errors: result.errors };
    return { ok: true, ast: result.ast };
  }

  createSourceCode(
    file: File,
    parseResult: OkParseResult<DockerfileNode>,
    context?: { languageOptions?: DockerfileLanguageOptions },
  ): DockerfileSourceCode {
    const text = typeof file.body === "string" ? file.body : new TextDecoder().decode(file.body);
    const options = context?.languageOptions ?? {};
    return new DockerfileSourceCode({
      text,
      ast: parseResult.ast,
      goMod: loadGoMod(file, parseResult.ast, options),
      dockerignore: () => loadDockerignore(file, options),
      shellcheck: this.#runShellcheck,
    });
  }
}

function loadDockerignore(file: File, options: DockerfileLanguageOptions): DockerignoreFacts | null {
  if (options.dockerignore === false) return null;
  if (typeof options.dockerignore === "string") return parseDockerignore(options.dockerignore);
  const filePath = file.physicalPath || file.path;
  if (!filePath || filePath.startsWith("<")) return null;
  const dockerfile = absolutePath(filePath);
  const dir = path.dirname(dockerfile);
  return readDockerignore(dockerfile, options.buildContext ? path.resolve(dir, options.buildContext) : dir);
}

const COPIED_GO_MOD = /(?:^|\/)go\.mod$/;

function loadGoMod(file: File, ast: DockerfileNode, options: DockerfileLanguageOptions): GoModFacts | null {
  if (options.goMod === false) return null;
  if (typeof options.goMod === "string") {
    // Given as text: the go.mod (and go.work) of the build context's root.
    const facts = parseGoMod(options.goMod, "go.mod");
    facts.contextPath = "go.mod";
    if (typeof options.goWork === "string") facts.work = { ...parseGoWork(options.goWork, "go.work"), contextPath: "go.work" };
    return facts;
  }
  const filePath = file.physicalPath || file.path;
  if (!filePath || !path.isAbsolute(filePath) && !filePath.includes(path.sep) && filePath.startsWith("<")) return null;
  // COPY sources that name a go.mod in a sub-folder of the build context point at the module built.
  const copied: string[] = [];
  const instructions = ast.instructions;
  for (let n = 0; n < instructions.length; n++) {
    const node = instructions[n]!;
    if (node.keyword !== "COPY" && node.keyword !== "ADD") continue;
    if (node.flags.some((f) => f.name === "from")) continue;
    const words = node.argv;
    for (let i = 0; i < words.length - 1; i++) {
      const value = words[i]!.value;
      if (COPIED_GO_MOD.test(value) && value !== "go.mod" && value !== "./go.mod") copied.push(value);
    }
  }
  const dockerfile = absolutePath(filePath);
  const found = findGoMod(dockerfile, { buildContext: options.buildContext, copiedGoMods: copied });
  if (!found) return null;
  const dir = path.dirname(dockerfile);
  const facts = readGoMod(found, relativeGoModPath(dir, found) || "go.mod");
  if (!facts) return null;
  // Where the module sits in the build context, its go.work and vendor folder: what the
  // go command in the image can and cannot see of the module's local folders.
  const contextDir = options.buildContext ? path.resolve(dir, options.buildContext) : dir;
  const moduleDir = path.dirname(found);
  facts.contextPath = relativeInside(contextDir, found);
  facts.vendored = facts.localReplaces.length > 0 && isVendored(moduleDir);
  if (typeof options.goWork === "string") facts.work = { ...parseGoWork(options.goWork, "go.work"), contextPath: "go.work" };
  else if (options.goWork !== false) {
    const work = findGoWork(moduleDir);
    const workFacts = work ? readGoWork(work, path.relative(dir, work) || "go.work") : null;
    if (workFacts) facts.work = { ...workFacts, contextPath: relativeInside(contextDir, work!) };
  }
  return facts;
}
