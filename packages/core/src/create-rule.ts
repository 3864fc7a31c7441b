/**
 * Rule types and `createRule`: every docker-lint rule is an ESLint rule (`meta` + `create`)
 * over the Dockerfile language, so the CLI, ESLint and Nx run the very same objects.
 *
 * Shaped like typescript-eslint's RuleCreator: a rule states its options type and defaults once,
 * and `create` receives the options with the defaults merged in, typed, without casts.
 */
import type { CustomRuleDefinitionType, CustomRuleVisitorWithExit } from "@eslint/plugin-kit";
import type { RuleContext, RulesMeta, RuleVisitor } from "@eslint/core";
import type { CommentNode, DockerfileNode, InstructionNode, DockerfileAstNode } from "./language/ast.js";
import type { DockerfileLanguageOptions, DockerfileSourceCode } from "./language/language.js";

export const PLUGIN_NAMESPACE = "@docker-lint";
export const LANGUAGE_REF = `${PLUGIN_NAMESPACE}/dockerfile`;
export const DOCS_URL = "https://github.com/docker-lint/docker-lint/blob/main/packages/core/docs/rules";

export interface DockerfileRuleVisitor extends RuleVisitor {
  Dockerfile?(node: DockerfileNode): void;
  Instruction?(node: InstructionNode, parent: DockerfileNode): void;
  Comment?(node: CommentNode, parent: DockerfileNode): void;
}

/** Options as a preset or a user gives them: each object option may leave out any field. */
export type PartialOptions<Options extends readonly unknown[]> = {
  [K in keyof Options]?: Options[K] extends Record<string, unknown> ? Partial<Options[K]> : Options[K];
};

/** Checks of other tools that a rule covers, by those tools' own ids (`DL3006`, `InvalidBaseImagePlatform` …). */
export interface RuleEquivalents {
  hadolint?: string[];
  buildkit?: string[];
  trivy?: string[];
  checkov?: string[];
}

// A type literal, not an interface: ESLint's docs type wants an index signature.
export type DockerRuleDocs<Options extends readonly unknown[] = unknown[]> = {
  description: string;
  /** In the `recommended` preset, at "error": `true` with the default options, or with these options. */
  recommended?: boolean | PartialOptions<Options>;
  /**
   * In the `strict` preset, at "error": `true`, or these options. Strict holds every recommended
   * rule too, with its recommended options unless this says otherwise.
   */
  strict?: boolean | PartialOptions<Options>;
  /** Filled by createRule. */
  url?: string;
  equivalents?: RuleEquivalents;
};

export type DockerRuleDefinition<
  Options extends { RuleOptions?: unknown[]; MessageIds?: string } = { RuleOptions: unknown[]; MessageIds: string },
> = CustomRuleDefinitionType<
  {
    LangOptions: DockerfileLanguageOptions;
    Code: DockerfileSourceCode;
    Visitor: CustomRuleVisitorWithExit<DockerfileRuleVisitor>;
    Node: DockerfileAstNode;
  },
  {
    RuleOptions: Options["RuleOptions"] extends unknown[] ? Options["RuleOptions"] : unknown[];
    MessageIds: Options["MessageIds"] extends string ? Options["MessageIds"] : string;
    ExtRuleDocs: DockerRuleDocs;
  }
>;

/** A rule as createRule returns it. */
/** A rule of any options type, where rules of different options meet (Options is read and written, so only `any` admits them all). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type AnyDockerRule = DockerRuleDefinition<any>;

export type DockerRule<Options extends unknown[] = unknown[], MessageIds extends string = string> = CustomRuleDefinitionType<
  {
    LangOptions: DockerfileLanguageOptions;
    Code: DockerfileSourceCode;
    Visitor: CustomRuleVisitorWithExit<DockerfileRuleVisitor>;
    Node: DockerfileAstNode;
  },
  { RuleOptions: Options; MessageIds: MessageIds; ExtRuleDocs: DockerRuleDocs<Options> }
>;

/** What a rule's `create` receives as `context`. */
export type DockerRuleContext<Options extends unknown[], MessageIds extends string> = RuleContext<{
  LangOptions: DockerfileLanguageOptions;
  Code: DockerfileSourceCode;
  RuleOptions: Options;
  Node: DockerfileAstNode;
  MessageIds: MessageIds;
}>;

export interface RuleSpec<Options extends unknown[], MessageIds extends string> {
  /** The rule id without the `@docker-lint/` prefix; also the docs page name. */
  name: string;
  meta: Omit<RulesMeta<MessageIds, Options>, "docs" | "defaultOptions" | "languages" | "messages"> & {
    docs: Omit<DockerRuleDocs<Options>, "url">;
    messages: Record<MessageIds, string>;
  };
  /** Every option's default; a user's object options are merged into these field by field. */
  defaultOptions: Options;
  /** Builds the visitor for one file; `options` are the user's options over `defaultOptions`. */
  create(context: DockerRuleContext<Options, MessageIds>, options: Options): CustomRuleVisitorWithExit<DockerfileRuleVisitor>;
}

/**
 * Makes a rule from its spec, as a new object: `docs.url` and `languages` filled in,
 * `meta.defaultOptions` set (ESLint's `--print-config` and docs read it), and `create` handed
 * the merged options.
 */
export function createRule<Options extends unknown[], MessageIds extends string>(spec: RuleSpec<Options, MessageIds>): DockerRule<Options, MessageIds> {
  const { name, meta, defaultOptions } = spec;
  // The same options array comes back for every file of a config: merge it once.
  const merged = new WeakMap<object, Options>();
  return {
    meta: {
      ...meta,
      docs: { ...meta.docs, url: `${DOCS_URL}/${name}.md` },
      languages: [LANGUAGE_REF],
      defaultOptions,
    },
    create(context) {
      const given = context.options as unknown[] | undefined;
      let options = given ? merged.get(given) : undefined;
      if (!options) {
        options = applyDefault(defaultOptions, given);
        if (given) merged.set(given, options);
      }
      return spec.create(context, options);
    },
  };
}

/** A JSON-style object: not null, not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` over `defaults`: objects merge field by field, at any depth; anything else replaces. */
export function deepMerge(defaults: unknown, value: unknown): unknown {
  if (value === undefined) return defaults;
  if (isPlainObject(defaults) && isPlainObject(value)) {
    const out: Record<string, unknown> = { ...defaults };
    for (const [key, v] of Object.entries(value)) out[key] = deepMerge(defaults[key], v);
    return out;
  }
  return value;
}

/** The user's options over the defaults, position by position (typescript-eslint's applyDefault). */
export function applyDefault<Options extends unknown[]>(defaults: Options, given: readonly unknown[] | undefined): Options {
  if (!given || given.length === 0) return defaults;
  return defaults.map((d, i) => deepMerge(d, given[i])) as Options;
}
