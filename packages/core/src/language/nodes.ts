/**
 * The plain Dockerfile AST handed to ESLint: serialisable nodes with 1-based `loc` and
 * `[start, end)` offset `range`.
 */
export interface Position {
  line: number;
  column: number;
}
export interface SourceLocation {
  start: Position;
  end: Position;
}
export type Range = [number, number];

export interface BaseNode {
  type: string;
  loc: SourceLocation;
  range: Range;
}

/** A slice of source text with its own location, used as a report or fix target. */
export interface Span {
  value: string;
  loc: SourceLocation;
  range: Range;
}

export interface FlagNode extends Span {
  /** Flag name without dashes, lower-cased: `from`, `mount`, `platform`, `chmod` … */
  name: string;
  /** Value after `=`, or null for a bare `--flag`. */
  flagValue: string | null;
}

export interface HeredocNode {
  name: string;
  /** The heredoc body (lines between the opening line and the delimiter). */
  content: string;
  contentRange: Range | null;
}

export interface InstructionNode extends BaseNode {
  type: "Instruction";
  /** Upper-cased keyword: FROM, RUN, COPY … */
  keyword: string;
  /** The keyword as written, with its span (for casing fixes). */
  keywordSpan: Span;
  /** Arguments as written (continuations kept), with flags stripped. */
  rawArgs: string;
  /**
   * Arguments as the builder sees them: continuations joined, comment lines inside the
   * continuation removed, flags stripped.
   */
  args: string;
  /** Whitespace-separated arguments (after flags), each with its span. */
  argv: Span[];
  flags: FlagNode[];
  /** For CMD/ENTRYPOINT/RUN/SHELL/COPY/ADD/VOLUME: JSON (exec) form strings, or null in shell form. */
  json: string[] | null;
  /** Span of the whole arguments part after flags (or null when empty). */
  argsSpan: Span | null;
  heredocs: HeredocNode[];
  /** For ONBUILD: the wrapped trigger keyword (upper-cased), else null. */
  onbuildKeyword: string | null;
}

export interface CommentNode extends BaseNode {
  type: "Comment";
  /** Comment text after `#`, trimmed. */
  value: string;
}

export interface DirectiveNode extends BaseNode {
  type: "Directive";
  name: string;
  value: string;
}

/** A syntax problem BuildKit would stop at (or we treat as one); parsing goes on past it. */
export interface SyntaxProblem {
  message: string;
  loc: SourceLocation;
  range: Range;
}

export interface DockerfileNode extends BaseNode {
  type: "Dockerfile";
  body: Array<InstructionNode | CommentNode>;
  directives: DirectiveNode[];
  comments: CommentNode[];
  instructions: InstructionNode[];
  escapeChar: string;
  /** Line ending style seen first in the file. */
  eol: "\n" | "\r\n";
  /** Syntax problems (unknown instructions, unterminated heredocs, …): reported, never fatal. */
  problems: SyntaxProblem[];
}

export type DockerfileAstNode = DockerfileNode | InstructionNode | CommentNode | DirectiveNode;

export const visitorKeys: Record<string, string[]> = {
  Dockerfile: ["body"],
  Instruction: [],
  Comment: [],
  Directive: [],
};

