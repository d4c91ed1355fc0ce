/**
 * Accumulates readable plain text line by line: inline text with whitespace collapsed,
 * line and paragraph breaks that never pile up, a per-line prefix for list indentation
 * and quotes, and preformatted text kept as written.
 */
export class TextWriter {
  private readonly lines: string[] = [];
  private line = '';
  private lineOpen = false;
  /** Breaks requested since the last text: 0 none, 1 new line, 2 blank line. */
  private pendingBreak = 0;
  private readonly indents: string[] = [''];
  /** Replaces the indent on the next line that starts (a list marker or heading "#"). */
  private marker: string | null = null;

  /** Writes text whose whitespace runs have already been collapsed to single spaces. */
  writeInline(text: string): void {
    if (!text) return;
    if (!this.lineOpen) {
      const trimmed = text.replace(/^ +/, '');
      if (!trimmed) return;
      this.openLine();
      this.line += trimmed;
      return;
    }
    this.line += this.line.endsWith(' ') && text.startsWith(' ') ? text.slice(1) : text;
  }

  /** Writes text verbatim, its newlines included (the inside of <pre>). */
  writePreformatted(text: string): void {
    const parts = text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) {
        if (!this.lineOpen) this.openLine();
        this.finishLine();
        this.pendingBreak = 1;
      }
      if (part) {
        if (!this.lineOpen) this.openLine();
        this.line += part;
      }
    });
  }

  /** Ends the current line; `blankLine` also asks for an empty line before the next text. */
  breakLine(blankLine = false): void {
    if (this.lineOpen) this.finishLine();
    this.pendingBreak = Math.max(this.pendingBreak, blankLine ? 2 : 1);
  }

  pushIndent(indent: string): void {
    this.indents.push(this.currentIndent() + indent);
  }

  popIndent(): void {
    if (this.indents.length > 1) this.indents.pop();
  }

  currentIndent(): string {
    return this.indents[this.indents.length - 1]!;
  }

  /** The next line starts with `marker` (already indented) instead of the indent. */
  setMarker(marker: string): void {
    this.marker = marker;
  }

  toString(): string {
    if (this.lineOpen) this.finishLine();
    return this.lines.join('\n');
  }

  private openLine(): void {
    if (this.lines.length > 0 && this.pendingBreak === 2) this.lines.push('');
    this.pendingBreak = 0;
    this.line = this.marker ?? this.currentIndent();
    this.marker = null;
    this.lineOpen = true;
  }

  private finishLine(): void {
    this.lines.push(this.line.trimEnd());
    this.line = '';
    this.lineOpen = false;
  }
}
