/** What flow-print is asked to print, as data that crosses threads. */
export interface PrintSpec {
  kind: 'print';
  /** flow-print format number 0-24 */
  format: number;
  /** -w */
  wide: boolean;
  /** -n: symbolic names from the symbol tables */
  names: boolean;
  /** directory holding the symbol tables (asn.sym, ip-prot.sym, tcp-port.sym, tag.sym) */
  symDir?: string;
}
