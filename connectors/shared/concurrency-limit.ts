/**
 * A tiny semaphore capping in-flight requests per PSA account. Hand-written because p-limit is ESM-only
 * (this project is CommonJS) and the whole job is twenty lines.
 */
export interface ConcurrencyLimit {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Requests currently running (for tests and diagnostics). */
  active(): number;
}

export function createConcurrencyLimit(maxConcurrent: number): ConcurrencyLimit {
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = (): void => {
    running -= 1;
    const next = waiting.shift();
    if (next) {
      running += 1;
      next();
    }
  };

  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running < maxConcurrent) running += 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
    active: () => running,
  };
}
