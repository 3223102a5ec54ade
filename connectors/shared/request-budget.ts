/**
 * A sliding-window request budget, e.g. Autotask's 10,000 requests per rolling hour shared by every
 * integration on a database (https://autotask.net/help/developerhelp/content/apis/SOAP/General_Topics/SOAP_Thresholds_Limits.htm).
 * Spending stops at our share so the firm's other integrations keep working. Inside our share, page loads come
 * first: background work (the sync) spends only up to its own part of the window, so the rest stays free for
 * the clients waiting on a page.
 */
export interface RequestBudget {
  /**
   * Spends one request, or says how long until one is free. `background` is the share (0 to 1) of the window
   * background work may use; without it the request is a page load's and may use all of it.
   */
  take(priority?: { background: number }): { ok: true } | { ok: false; retryAfterMs: number };
  remaining(): number;
}

export interface RequestBudgetOptions {
  now: () => Date;
  maxRequests: number;
  windowMs: number;
}

export function createRequestBudget(options: RequestBudgetOptions): RequestBudget {
  const sent: number[] = [];

  const forgetExpired = (nowMs: number): void => {
    while (sent.length > 0 && (sent[0] ?? 0) <= nowMs - options.windowMs) sent.shift();
  };

  return {
    take(priority) {
      const nowMs = options.now().getTime();
      forgetExpired(nowMs);
      const limit = priority ? Math.floor(options.maxRequests * Math.min(1, Math.max(0, priority.background))) : options.maxRequests;
      if (sent.length >= limit) {
        // The request that has to leave the window before the count drops below the limit.
        const blocking = sent[sent.length - limit] ?? nowMs;
        return { ok: false, retryAfterMs: Math.max(1, blocking + options.windowMs - nowMs) };
      }
      sent.push(nowMs);
      return { ok: true };
    },
    remaining() {
      forgetExpired(options.now().getTime());
      return options.maxRequests - sent.length;
    },
  };
}
