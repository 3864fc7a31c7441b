import type { Position, Span } from "./nodes.js";

/** Maps LSP positions (0-based line/character) to offsets and 1-based locations. */
export class LineIndex {
  readonly lineStarts: number[] = [0];
  constructor(readonly text: string) {
    if (!text.includes("\r")) {
      // The usual case: only \n ends lines, and indexOf finds them faster than a loop over chars.
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      } else if (c === 10) {
        this.lineStarts.push(i + 1);
      }
    }
  }
  offset(pos: { line: number; character: number }): number {
    const start = this.lineStarts[pos.line] ?? this.text.length;
    return Math.min(start + pos.character, this.text.length);
  }
  #lastLine = 0;
  position(offset: number): Position {
    // Spans are mostly made in file order: try the line of the previous lookup first.
    const starts = this.lineStarts;
    const last = this.#lastLine;
    if (starts[last]! <= offset && (last + 1 >= starts.length || starts[last + 1]! > offset)) {
      return { line: last + 1, column: offset - starts[last]! + 1 };
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.#lastLine = lo;
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }
  span(start: number, end: number): Span {
    return { value: this.text.slice(start, end), range: [start, end], loc: { start: this.position(start), end: this.position(end) } };
  }
  fromLsp(r: { start: { line: number; character: number }; end: { line: number; character: number } }): Span {
    return this.span(this.offset(r.start), this.offset(r.end));
  }
}
