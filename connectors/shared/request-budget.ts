/**
 * A sliding-window request budget, e.g. Autotask's 10,000 requests per rolling hour shared by every
 * integration on a database (https://autotask.net/help/developerhelp/content/apis/SOAP/General_Topics/SOAP_Thresholds_Limits.htm).
 * Spending stops at our share so the firm's other integrations keep working.
 */
export interface RequestBudget {
  /** Spends one request, or says how long until one is free. */
  take(): { ok: true } | { ok: false; retryAfterMs: number };
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
    take() {
      const nowMs = options.now().getTime();
      forgetExpired(nowMs);
      if (sent.length >= options.maxRequests) {
        const oldest = sent[0] ?? nowMs;
        return { ok: false, retryAfterMs: oldest + options.windowMs - nowMs };
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
