/** Retry on network errors, timeouts, 5xx and 429; never on other 4xx (ConnectWise guide "Error Handling"). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Reads Retry-After as delta-seconds or an HTTP-date; null when absent or unreadable. */
export function parseRetryAfterMs(header: string | undefined, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries from many
 * workers spread out but never collapse to zero.
 */
export function computeBackoffMs(attempt: number, random: () => number, baseMs = 250, capMs = 8_000): number {
  const step = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.round(step / 2 + random() * (step / 2));
}
