/** The language layer's public face: AST node types, the line index and the parser. */
export * from "./nodes.js";
export { LineIndex } from "./line-index.js";
export { parse, checkText, joinContinuations, type ParseError, type ParseResult } from "./parser.js";
export { rawArgumentValues } from "./lexer.js";
