/**
 * Headers of streams a tool writes from scratch (FORMAT.md 3.4). derivedHeader: a stream derived
 * record by record from another (flow-nfilter, flow-split; "flow-nfilter / flow-tag / others"): the
 * input's export version (and aggregation for v8), capture times and flow count present but 0,
 * streaming, the comment when one is given. toolHeader: a stream a tool makes itself (flow-gen,
 * flow-import): the export version, streaming, the tool's name as comment and capture host.
 */
import { FIELD, HEADER_FLAG } from './constants.ts';
import { emptyHeader, type FlowHeader } from './header.ts';
import type { Layout } from './layouts.ts';

export function derivedHeader(input: FlowHeader, comment?: string): FlowHeader {
  const h = emptyHeader();
  h.dVersion = input.dVersion;
  h.fields = FIELD.EX_VER | FIELD.CAP_START | FIELD.CAP_END | FIELD.FLOW_COUNT | FIELD.HEADER_FLAGS;
  if (input.dVersion === 8) {
    h.aggVersion = input.aggVersion; h.aggMethod = input.aggMethod;
    h.fields |= FIELD.AGG_VER | FIELD.AGG_METHOD;
  }
  h.flags = HEADER_FLAG.STREAMING;
  if (comment !== undefined) { h.comments = comment; h.fields |= FIELD.COMMENTS; }
  return h;
}

export function toolHeader(tool: string, layout: Layout): FlowHeader {
  const h = emptyHeader();
  h.dVersion = layout.dVersion;
  h.fields = FIELD.EX_VER | FIELD.HEADER_FLAGS | FIELD.CAP_HOSTNAME | FIELD.COMMENTS;
  if (layout.dVersion === 8) {
    h.aggVersion = 2; h.aggMethod = layout.aggMethod;
    h.fields |= FIELD.AGG_VER | FIELD.AGG_METHOD;
  }
  h.flags = HEADER_FLAG.STREAMING;
  h.capHostname = tool;
  h.comments = tool;
  return h;
}
