/**
 * Perl regular expressions as JavaScript RegExps: the common syntax is shared; \A \z \Z \h and POSIX
 * classes ([[:digit:]]) are rewritten, the x flag strips whitespace and comments. Variables inside a
 * pattern are refused (patterns are fixed when the expression is checked).
 */

const POSIX: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~', word: '\\w', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

export interface JsRegex { pattern: string; flags: string }

/** Translate; throws Error with a message when the pattern cannot be used. */
export function translateRegex(source: string, perlFlags: string): JsRegex {
  let flags = '';
  for (const f of perlFlags) {
    if (f === 'i' || f === 'm' || f === 's') { if (!flags.includes(f)) flags += f; } else if (f !== 'x' && f !== 'g' && f !== 'o') {
      throw new Error(`regular expression flag ${f} is not supported`);
    }
  }
  const extended = perlFlags.includes('x');
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const n = source[i + 1] ?? '';
      i++;
      if (!inClass && n === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && n === 'z') out += '(?![\\s\\S])';
      else if (!inClass && n === 'Z') out += '(?=\\n?(?![\\s\\S]))';
      else if (n === 'h') out += inClass ? ' \\t' : '[ \\t]';
      else out += `\\${n}`;
      continue;
    }
    if (inClass) {
      if (c === '[' && source[i + 1] === ':') {
        const end = source.indexOf(':]', i + 2);
        const name = end < 0 ? '' : source.slice(i + 2, end);
        const neg = name.startsWith('^');
        const cls = POSIX[neg ? name.slice(1) : name];
        if (!cls || neg) throw new Error(`POSIX class [:${name}:] is not supported`);
        out += cls;
        i = end + 1;
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (source[i + 1] === '^') { out += '^'; i++; }
      if (source[i + 1] === ']') { out += '\\]'; i++; }
      continue;
    }
    if (c === '$' && /[A-Za-z_{]/.test(source[i + 1] ?? '')) {
      throw new Error('variables inside regular expressions are not supported');
    }
    if (extended && /\s/.test(c)) continue;
    if (extended && c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    out += c;
  }
  new RegExp(out, flags); // throws SyntaxError on a bad pattern
  return { pattern: out, flags };
}
