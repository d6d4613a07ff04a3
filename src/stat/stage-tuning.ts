/**
 * The hash stage's sizes and thresholds (hash-stage.ts): how big its buckets and output get, when a
 * task leaves its direct table, copies its buckets out, writes its output out as a partial, and
 * which keys take the hot-key cache. Each figure's reason is beside it.
 */

/** events in a task's buckets together at most: one bucket's sums stay below 2^51, exact in doubles */
export const MAX_STAGE = 1 << 19;
export const MIN_STAGE = 1 << 10;
/** events per bucket at least (tiny tasks over many partitions) */
export const MIN_BUCKET = 16;
/** output entries first allocated (then doubled) */
export const FIRST_OUT = 1 << 12;
/**
 * Output entries past which a staged task writes its runs so far out as a partial of their own
 * (PartialParts.earlier) and starts its output again: a compressed file is one task, and its
 * output grew to an entry per event of the file (-f 10 over the bench's zlib files: 22 MB of
 * scratch a task in flight, eight in flight at 4 threads).
 */
export const FLUSH_ENTRIES = 1 << 18;
/**
 * A task first adds its events into one table of its own keys (cache-resident while it is small:
 * an archive's few thousand hosts or ports each take one probe per event, not a trip through the
 * partition buckets). Past this many keys the keys are few repeats of many, and the task stages by
 * partition instead; so does the thread's next task.
 */
export const DIRECT_MAX = 1 << 16;
/**
 * Keys a task's direct table takes when the thread's last task of the run outgrew it: a few steps
 * only, enough to find the keys the hot-key cache should start with (hash-stage.ts, toStaged).
 */
export const SCOUT_KEYS = 1 << 13;
/** records a direct step takes before the table's size is looked at */
export const DIRECT_STEP = 2048;
/** events after which a task whose events are more than 3 in 4 new keys stages by partition */
export const MOSTLY_NEW_AFTER = 8192;
/**
 * events a direct table adds up before its keys are written out as runs and it starts again empty:
 * like a bucket's, its sums stay below 2^51 (MAX_STAGE, plus a step's slack), exact in doubles
 */
export const DIRECT_EVENTS = MAX_STAGE;

/**
 * A key that adds this many flows in one bucket's aggregation takes its slot of the hot-key cache
 * (unless a key with more holds it): its later events are added up in the cache, not staged in a
 * bucket (hot-keys.ts). A bucket holds a 2^partBits'th of the task's keys, B events, so such a
 * key is among the task's busiest.
 */
export const HOT_MIN = 8;

/**
 * Bucket events aggregated before a task looks at how many keys they added: past 4 in 5 (pairs
 * of hosts over a big archive), the rest of its buckets are copied out as they are, not aggregated
 * (the merge adds up repeated keys anyway: aggregating a bucket of distinct keys costs a table and
 * a probe per event for nothing); so is the thread's next task from its start.
 */
export const COPY_AFTER = 1 << 16;
