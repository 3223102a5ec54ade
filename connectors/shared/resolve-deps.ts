import { createHostGuard } from "./host-guard";
import type { ConnectorDeps, ConnectorLogger, ResolvedDeps } from "./deps";

const silentLogger: ConnectorLogger = { warn: () => undefined, info: () => undefined };

/** Fills in production defaults: a few seconds' timeout, three retries, a real clock and real sleeps. */
export function resolveDeps(deps: ConnectorDeps = {}): ResolvedDeps {
  return {
    http: deps.http ?? null,
    now: deps.now ?? (() => new Date()),
    sleep: deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    random: deps.random ?? Math.random,
    logger: deps.logger ?? silentLogger,
    timeoutMs: deps.timeoutMs ?? 5_000,
    maxRetries: deps.maxRetries ?? 3,
    maxRetryWaitMs: deps.maxRetryWaitMs ?? 10_000,
    circuit: { failureThreshold: deps.circuit?.failureThreshold ?? 5, openMs: deps.circuit?.openMs ?? 30_000 },
    resilienceStore: deps.resilienceStore ?? new Map(),
    hostGuard: createHostGuard({ allowPrivateHosts: deps.allowPrivateHosts, resolveHost: deps.resolveHost }),
    baseDirectory: deps.baseDirectory ?? process.cwd(),
    priority: deps.priority ?? "interactive",
    backgroundShare: deps.backgroundShare ?? 0.5,
    onCall: deps.onCall ?? (() => undefined),
  };
}
