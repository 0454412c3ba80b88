/**
 * Splits a stream of concatenated JSON values, such as `kubectl get -w -o
 * json` prints (one indented object per event), into parsed values as soon as
 * each one is complete.
 */
export class JsonStream {
  private buffer = '';
  private scanned = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;

  push(chunk: string): unknown[] {
    this.buffer += chunk;
    const values: unknown[] = [];
    for (let i = this.scanned; i < this.buffer.length; i++) {
      const char = this.buffer[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (char === '\\') this.escaped = true;
        else if (char === '"') this.inString = false;
      } else if (char === '"') {
        // Outside a value a quote is stray text, not the start of a string.
        this.inString = this.depth > 0;
      } else if (char === '{' || char === '[') {
        if (this.depth++ === 0) this.start = i;
      } else if ((char === '}' || char === ']') && this.depth > 0 && --this.depth === 0) {
        values.push(JSON.parse(this.buffer.slice(this.start, i + 1)));
        this.buffer = this.buffer.slice(i + 1);
        i = -1;
        this.start = -1;
      }
    }
    this.scanned = this.buffer.length;
    if (this.depth === 0) {
      // Between values there is only white space (or a line kubectl wrote that is not JSON): nothing to keep.
      this.buffer = '';
      this.scanned = 0;
    }
    return values;
  }
}
