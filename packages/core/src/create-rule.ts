/**
 * Rule types and `createRule`: every docker-lint rule is an ESLint rule (`meta` + `create`)
 * over the Dockerfile language, so the CLI, ESLint and Nx run the very same objects.
 */
import type { CustomRuleDefinitionType, CustomRuleVisitorWithExit } from "@eslint/plugin-kit";
import type { RuleVisitor } from "@eslint/core";
import type { CommentNode, DirectiveNode, DockerfileNode, InstructionNode, DockerfileAstNode } from "./language/ast.js";
import type { DockerfileLanguageOptions, DockerfileSourceCode } from "./language/language.js";

export const PLUGIN_NAMESPACE = "@docker-lint";
export const LANGUAGE_REF = `${PLUGIN_NAMESPACE}/dockerfile`;
export const DOCS_URL = "https://github.com/docker-lint/docker-lint/blob/main/packages/core/docs/rules";

export interface DockerfileRuleVisitor extends RuleVisitor {
  Dockerfile?(node: DockerfileNode): void;
  Instruction?(node: InstructionNode, parent: DockerfileNode): void;
  Comment?(node: CommentNode, parent: DockerfileNode): void;
  Directive?(node: DirectiveNode, parent: DockerfileNode): void;
}

export interface DockerRuleDocs {
  description: string;
  /** In the `recommended` preset (and at what severity). */
  recommended?: boolean;
  url?: string;
  [key: string]: unknown;
}

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

/** Fills `docs.url` and `languages` the same way for every rule. */
export function createRule<R extends DockerRuleDefinition<any>>(name: string, rule: R): R {
  rule.meta ??= {};
  rule.meta.docs = { ...(rule.meta.docs as object), url: `${DOCS_URL}/${name}.md` } as never;
  (rule.meta as { languages?: string[] }).languages = [LANGUAGE_REF];
  return rule;
}
