/** One VAR=value binding as ftvar_pset() reads it: both sides non-empty, split at the first '='. */
export function varBinding(b: string): [string, string] | null {
  const eq = b.indexOf('=');
  if (eq <= 0 || eq === b.length - 1) return null;
  return [b.slice(0, eq), b.slice(eq + 1)];
}
