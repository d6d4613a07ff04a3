/**
 * One config line as flow-tools reads it: variables substituted first (ftvar_evalstr: `@VAR`,
 * `@{VAR}`, `@{VAR:-default}`), then split into words on spaces and tabs only. Every word keeps
 * the range of the original text it came from, so errors point at what the user wrote.
 */
import type { Diagnostic } from './errors.ts';

/** One word of the expanded line. */
export interface Word {
  text: string;
  /** range in the original config text */
  start: number;
  end: number;
  /** index just past the word in the expanded line */
  xend: number;
}

export interface Line {
  words: Word[];
  /** the expanded line text */
  text: string;
  /** original range of expanded character i: [starts[i], ends[i]) */
  starts: number[];
  ends: number[];
  /** original range of the whole line */
  start: number;
  end: number;
}

const isAlnum = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));

/**
 * Substitute variables in `raw` (a line starting at offset `at` of the config). A malformed
 * reference is fatal in flow-tools (it exits); here it is a VAR_SYNTAX error and the line is dropped.
 */
export function expandLine(raw: string, at: number, vars: ReadonlyMap<string, string>): { line?: Line; error?: Diagnostic } {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let s = 0;
  while (s < raw.length) {
    if (raw[s] !== '@') {
      text += raw[s];
      starts.push(at + s);
      ends.push(at + s + 1);
      s++;
      continue;
    }
    const ref = s;
    const v = s + 1;
    let ve = v;
    let inbrace = false;
    if (raw[v] === '{') {
      inbrace = true;
      while (ve < raw.length && raw[ve] !== '}') ve++;
      if (ve >= raw.length) return { error: varError(raw, at, ref, raw.length, `ftvar: ${raw.slice(v)}: Missing }`) };
      ve++;
    } else {
      while (isAlnum(raw[ve])) ve++;
    }
    const vexp = raw.slice(v, ve);
    let name = vexp;
    let def: string | undefined;
    if (inbrace) {
      let t = 1;
      while (isAlnum(vexp[t])) t++;
      name = vexp.slice(1, t);
      if (vexp[t] !== '}') {
        if (vexp[t] !== ':') {
          return { error: varError(raw, at, ref, ve, `ftvar: ${vexp}: missing : (variable names are letters and digits; write @{NAME:-default})`) };
        }
        if (vexp[t + 1] !== '-') {
          return { error: varError(raw, at, ref, ve, `ftvar: ${vexp.slice(0, t)}: expecting - (write @{${name}:-default})`) };
        }
        def = vexp.slice(t + 2, vexp.indexOf('}', t + 2));
      }
    }
    const value = vars.get(name) ?? def ?? '';
    for (let i = 0; i < value.length; i++) {
      text += value[i];
      starts.push(at + ref);
      ends.push(at + ve);
    }
    s = ve;
  }
  return { line: { words: splitWords(text, starts, ends), text, starts, ends, start: at, end: at + raw.length } };
}

function varError(raw: string, at: number, from: number, to: number, message: string): Diagnostic {
  void raw;
  return { code: 'VAR_SYNTAX', severity: 'error', message, start: at + from, end: at + Math.max(to, from + 1) };
}

/** Split on ' ' and '\t' (strsep(" \t"), empty words skipped), mapping each word to the original text. */
function splitWords(text: string, starts: number[], ends: number[]): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= text.length) break;
    const b = i;
    while (i < text.length && text[i] !== ' ' && text[i] !== '\t') i++;
    words.push({ text: text.slice(b, i), start: starts[b]!, end: ends[i - 1]!, xend: i });
  }
  return words;
}

/**
 * The text after word `w` as strsep leaves it (the one delimiter after the word consumed), or
 * undefined when the word ends the line (time-date reads its phrase from there).
 */
export function restAfter(line: Line, w: Word): string | undefined {
  return w.xend < line.text.length ? line.text.slice(w.xend + 1) : undefined;
}

/** Original range of the rest of the line after word `w`. */
export function restRange(line: Line, w: Word): { start: number; end: number } {
  const i = Math.min(w.xend + 1, line.text.length);
  if (i >= line.text.length) return { start: w.end, end: w.end + 1 };
  return { start: line.starts[i]!, end: line.ends[line.text.length - 1]! };
}
