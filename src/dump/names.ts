/**
 * Cflow's symbolic names: TCP flag names (printed in the fixed order FIN|SYN|RST|PUSH|ACK|URG rather
 * than Perl's hash order) and the ICMP type/code names behind $ICMPTypeCode ("ECHO", "PORT_UNREACH").
 */

/** [bit, name] of the six TCP flags Cflow names, in the order flowsift prints them. */
export const TCP_FLAG_NAMES: ReadonlyArray<readonly [number, string]> = [
  [0x01, 'FIN'], [0x02, 'SYN'], [0x04, 'RST'], [0x08, 'PUSH'], [0x10, 'ACK'], [0x20, 'URG'],
];

/**
 * $TCPFlags: "(SYN|ACK)" for a TCP flow with named flags set, "" otherwise. Bits above 0x20 have
 * no name in Cflow and are left out.
 */
export function tcpFlagsText(protocol: number, flags: number): string {
  if (protocol !== 6 || (flags & 0x3f) === 0) return '';
  let s = '';
  for (const [bit, name] of TCP_FLAG_NAMES) {
    if (flags & bit) s += s ? `|${name}` : name;
  }
  return `(${s})`;
}

/** Names of ICMP types whose codes do not change the name. */
const TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'ECHOREPLY', 4: 'SOURCEQUENCH', 8: 'ECHO', 9: 'ROUTERADVERT', 10: 'ROUTERSOLICIT', 12: 'PARAMPROB',
  13: 'TSTAMP', 14: 'TSTAMPREPLY', 15: 'IREQ', 16: 'IREQREPLY', 17: 'MASKREQ', 18: 'MASKREPLY',
};

/** Types named by their code: the code's prefix, then the type's suffix. */
const CODE_NAMES: Readonly<Record<number, { suffix: string; codes: readonly string[] }>> = {
  3: {
    suffix: 'UNREACH',
    codes: ['NET', 'HOST', 'PROTOCOL', 'PORT', 'NEEDFRAG', 'SRCFAIL', 'NET_UNKNOWN', 'HOST_UNKNOWN', 'ISOLATED',
      'NET_PROHIB', 'HOST_PROHIB', 'TOSNET', 'TOSHOST', 'PKT_FILTERED', 'PREC_VIOLATION', 'PREC_CUTOFF'],
  },
  5: { suffix: 'REDIRECT', codes: ['NET', 'HOST', 'TOSNET', 'TOSHOST'] },
  11: { suffix: 'TIME_EXCEEDED', codes: ['INTRANS', 'REASS'] },
};

/** $ICMPTypeCode for an ICMP type and code; "" when Cflow has no name for them. */
export function icmpTypeCodeName(type: number, code: number): string {
  const t = TYPE_NAMES[type];
  if (t !== undefined) return t;
  const c = CODE_NAMES[type];
  const prefix = c?.codes[code];
  return c && prefix ? `${prefix}_${c.suffix}` : '';
}

/** The Cflow `:icmptypes` constants ($ICMP_ECHO ...), Linux <netinet/ip_icmp.h> names. */
export const ICMP_TYPE_CONSTANTS: Readonly<Record<string, number>> = {
  ICMP_ECHOREPLY: 0, ICMP_DEST_UNREACH: 3, ICMP_SOURCE_QUENCH: 4, ICMP_REDIRECT: 5, ICMP_ECHO: 8,
  ICMP_TIME_EXCEEDED: 11, ICMP_PARAMETERPROB: 12, ICMP_TIMESTAMP: 13, ICMP_TIMESTAMPREPLY: 14,
  ICMP_INFO_REQUEST: 15, ICMP_INFO_REPLY: 16, ICMP_ADDRESS: 17, ICMP_ADDRESSREPLY: 18,
};

/** The Cflow `:icmpcodes` constants ($ICMP_PORT_UNREACH ...). */
export const ICMP_CODE_CONSTANTS: Readonly<Record<string, number>> = {
  ICMP_NET_UNREACH: 0, ICMP_HOST_UNREACH: 1, ICMP_PROT_UNREACH: 2, ICMP_PORT_UNREACH: 3, ICMP_FRAG_NEEDED: 4,
  ICMP_SR_FAILED: 5, ICMP_NET_UNKNOWN: 6, ICMP_HOST_UNKNOWN: 7, ICMP_HOST_ISOLATED: 8, ICMP_NET_ANO: 9,
  ICMP_HOST_ANO: 10, ICMP_NET_UNR_TOS: 11, ICMP_HOST_UNR_TOS: 12, ICMP_PKT_FILTERED: 13, ICMP_PREC_VIOLATION: 14,
  ICMP_PREC_CUTOFF: 15, ICMP_REDIR_NET: 0, ICMP_REDIR_HOST: 1, ICMP_REDIR_NETTOS: 2, ICMP_REDIR_HOSTTOS: 3,
  ICMP_EXC_TTL: 0, ICMP_EXC_FRAGTIME: 1,
};

/** The Cflow `:tcpflags` constants. */
export const TCP_FLAG_CONSTANTS: Readonly<Record<string, number>> = {
  TH_FIN: 0x01, TH_SYN: 0x02, TH_RST: 0x04, TH_PUSH: 0x08, TH_ACK: 0x10, TH_URG: 0x20,
};
