/**
 * Wire constants of the flow-tools stream format (FORMAT.md sections 2-3): magic bytes, byte-order
 * codes, TLV type numbers, header flag bits and the "field present" bits the header reader keeps.
 */

export const FT_HEADER_MAGIC1 = 0xcf;
export const FT_HEADER_MAGIC2 = 0x10;
export const FT_HEADER_LITTLE_ENDIAN = 1;
export const FT_HEADER_BIG_ENDIAN = 2;

/** Largest header flow-tools will write (FT_IO_MAXHEADER). */
export const FT_IO_MAXHEADER = 16384;

/** TLV type numbers, in the order ftio_write_header() emits them. */
export const TLV = {
  NULL: 0x00,
  VENDOR: 0x01,
  EX_VER: 0x02,
  AGG_VER: 0x03,
  AGG_METHOD: 0x04,
  EXPORTER_IP: 0x05,
  CAP_START: 0x06,
  CAP_END: 0x07,
  HEADER_FLAGS: 0x08,
  ROT_SCHEDULE: 0x09,
  FLOW_COUNT: 0x0a,
  FLOW_LOST: 0x0b,
  FLOW_MISORDERED: 0x0c,
  PKT_CORRUPT: 0x0d,
  SEQ_RESET: 0x0e,
  CAP_HOSTNAME: 0x0f,
  COMMENTS: 0x10,
  IF_NAME: 0x11,
  IF_ALIAS: 0x12,
  INTERRUPT: 0x13,
} as const;

/** "Field decoded" bits of the in-memory header: FT_FIELD_x = 1 << (FT_TLV_x - 1). */
export const FIELD = {
  VENDOR: 1 << 0,
  EX_VER: 1 << 1,
  AGG_VER: 1 << 2,
  AGG_METHOD: 1 << 3,
  EXPORTER_IP: 1 << 4,
  CAP_START: 1 << 5,
  CAP_END: 1 << 6,
  HEADER_FLAGS: 1 << 7,
  ROT_SCHEDULE: 1 << 8,
  FLOW_COUNT: 1 << 9,
  FLOW_LOST: 1 << 10,
  FLOW_MISORDERED: 1 << 11,
  PKT_CORRUPT: 1 << 12,
  SEQ_RESET: 1 << 13,
  CAP_HOSTNAME: 1 << 14,
  COMMENTS: 1 << 15,
  IF_NAME: 1 << 16,
  IF_ALIAS: 1 << 17,
} as const;

/** FT_HEADER_FLAG_* bits of the HEADER_FLAGS TLV. */
export const HEADER_FLAG = {
  DONE: 0x01,
  COMPRESS: 0x02,
  MULT_PDU: 0x04,
  STREAMING: 0x08,
  XLATE: 0x10,
  PRELOADED: 0x20,
} as const;

/** v8 aggregation method names as flow-header prints them. */
export const AGG_METHOD_NAMES: readonly string[] = [
  'Unknown', 'AS', 'Protocol Port', 'Source Prefix', 'Destination Prefix', 'Prefix', 'Destination',
  'Source Destination', 'Full Flow', 'ToS AS', 'ToS Proto Port', 'ToS Source Prefix',
  'ToS Destination Prefix', 'ToS Prefix', 'ToS Prefix Port',
];
