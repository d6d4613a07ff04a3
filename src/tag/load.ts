/**
 * Loading a tag.cfg for flow-tag: read it (fttag_load()), parse it, resolve every action a
 * definition names, and find the active definition (fttag_def_find()). Problems come back as
 * printable text: each with its file:line:column, the line and a caret, then flow-tools' own
 * closing line, so that nothing is read from standard input once the config has failed.
 */
import fs from 'node:fs';
import { LineIndex, renderDiagnostic } from '../filter/errors.ts';
import type { HostLookup } from '../filter/address.ts';
import { strerror } from '../cli/tool-errors.ts';
import { parseTagConfig } from './parser.ts';
import type { TagConfig, TagDefinition, TagDiagnostic } from './types.ts';

export interface LoadedTags {
  config: TagConfig;
  definition: TagDefinition;
  /** warnings to print (flow-tools read these parts other than as written, or said so itself) */
  warnings: string;
}

export interface TagLoadOptions {
  vars?: Readonly<Record<string, string>>;
  hosts?: HostLookup;
}

/** The load failed: what to print (every line ends in "\n") before exiting 1. */
export class TagLoadError extends Error {}

function render(file: string, text: string, list: readonly TagDiagnostic[]): string {
  const index = new LineIndex(text);
  // renderDiagnostic reads only the range, the severity and the message
  return list.map((d) => renderDiagnostic(file, index, { ...d, code: 'UNEXPECTED_WORD' })).join('');
}

/** Each action named by a term must exist (names are case-insensitive), and the active ones must have a type. */
function resolve(config: TagConfig, active: TagDefinition | undefined): TagDiagnostic | undefined {
  const byName = new Map(config.actions.map((a) => [a.name.toLowerCase(), a]));
  for (const def of config.definitions) {
    for (const term of def.terms) {
      for (const ref of term.actions) {
        const a = byName.get(ref.name.toLowerCase());
        if (!a) return { severity: 'error', message: `Unable to resolve action "${ref.name}" in tag-definition "${def.name}".`, start: ref.start, end: ref.end };
        if (def === active && !a.type) {
          return { severity: 'error', message: `tag-action "${a.name}" has no type (flow-tools fails on the first flow it tags with it)`, start: ref.start, end: ref.end };
        }
      }
    }
  }
  return undefined;
}

/**
 * Load `file` and find definition `name` (case-insensitive). Throws TagLoadError with the text to
 * print when flow-tag would stop; returns the warnings to print otherwise.
 */
export function loadTagFile(tool: string, file: string, name: string, opts: TagLoadOptions = {}): LoadedTags {
  let text: string;
  try {
    text = fs.readFileSync(file, 'latin1');
  } catch (e) {
    // a directory opens, then its read() comes up short
    const why = (e as NodeJS.ErrnoException).code === 'EISDIR' ? `read(${file}): short` : `open(${file}): ${strerror(e)}`;
    throw new TagLoadError(`${tool}: ${why}\n${tool}: fttag_load(): failed\n`);
  }
  const parsed = parseTagConfig(text, { vars: new Map(Object.entries(opts.vars ?? {})), hosts: opts.hosts });
  const warnings = render(file, text, parsed.diagnostics.filter((d) => d.severity === 'warning'));
  const failure = parsed.diagnostics.find((d) => d.severity === 'error');
  if (failure) throw new TagLoadError(`${warnings}${render(file, text, [failure])}${tool}: fttag_load(): failed\n`);
  const lower = name.toLowerCase();
  const definition = parsed.config.definitions.find((d) => d.name.toLowerCase() === lower);
  const unresolved = resolve(parsed.config, definition);
  if (unresolved) throw new TagLoadError(`${warnings}${render(file, text, [unresolved])}${tool}: fttag_load(): failed\n`);
  if (!definition) {
    const names = parsed.config.definitions.map((d) => d.name);
    const known = names.length ? `definitions: ${names.join(', ')}` : 'it has none';
    const hint = name === '' ? '; name one with -T' : '';
    throw new TagLoadError(`${warnings}${tool}: no tag-definition "${name}" in ${file} (${known}${hint}) (fttag_def_find(): failed)\n`);
  }
  return { config: parsed.config, definition, warnings };
}
