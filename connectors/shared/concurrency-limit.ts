/**
 * A tiny semaphore capping in-flight requests per PSA account, with page loads first: a waiting page load is let
 * in before waiting background work, and background work never takes the last free slot (with a cap of one, it
 * waits its turn like the rest). Hand-written because p-limit is ESM-only (this project is CommonJS) and it has no
 * priorities; the whole job is thirty lines.
 */
export interface ConcurrencyLimit {
  run<T>(task: () => Promise<T>, priority?: "interactive" | "background"): Promise<T>;
  /** Requests currently running (for tests and diagnostics). */
  active(): number;
}

export function createConcurrencyLimit(maxConcurrent: number): ConcurrencyLimit {
  let running = 0;
  const waiting = { interactive: [] as Array<() => void>, background: [] as Array<() => void> };
  const backgroundCap = Math.max(1, maxConcurrent - 1);

  const admit = (): void => {
    while (running < maxConcurrent) {
      const next = waiting.interactive.shift() ?? (running < backgroundCap ? waiting.background.shift() : undefined);
      if (!next) return;
      running += 1;
      next();
    }
  };

  return {
    async run<T>(task: () => Promise<T>, priority: "interactive" | "background" = "interactive"): Promise<T> {
      const cap = priority === "interactive" ? maxConcurrent : backgroundCap;
      const queueEmpty = waiting.interactive.length === 0 && (priority === "interactive" || waiting.background.length === 0);
      if (running < cap && queueEmpty) running += 1;
      else await new Promise<void>((resolve) => waiting[priority].push(resolve));
      try {
        return await task();
      } finally {
        running -= 1;
        admit();
      }
    },
    active: () => running,
  };
}
