/**
 * A full garbage collection now, when the executables exposed one (`node --expose-gc` in their
 * shebang line), else nothing. Called where a report has just dropped hundreds of MB of shared
 * partials: a SharedArrayBuffer's memory is freed only once every thread that held it has
 * collected its handle, and an idle worker may not collect for the rest of the run (stat -f 10 at
 * 2 threads: peak RSS 1000 -> 805-854 MB).
 */
export function releaseMemory(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * A collection of the young generation only (well under a millisecond where a full one takes
 * 7-17 ms): frees what was created since the last collection and is garbage, such as the
 * handles on shared memory that came with a message just handled.
 */
export function releaseYoung(): void {
  (globalThis as { gc?: (o?: { type: string }) => void }).gc?.({ type: 'minor' });
}
