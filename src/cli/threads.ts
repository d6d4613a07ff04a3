/** Default worker count: FLOWSIFT_THREADS, else the cores this process may use. */
import os from 'node:os';

export function defaultThreads(env: NodeJS.ProcessEnv): number {
  const v = Number(env.FLOWSIFT_THREADS);
  if (Number.isInteger(v) && v > 0) return v;
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}
