import type { Request, RequestHandler, Response } from "express";
import type { Db } from "../db/prisma";
import type { KeyValueStore } from "../kv/store";
import type { Dependency, ServiceHealth } from "../service-health";

/** GET /healthz: the process is up and serving. */
export function healthz(_req: Request, res: Response): void {
  res.json({ status: "ok" });
}

/** The longest a check may take: a server that accepts connections but does not answer is as good as down. */
const CHECK_TIMEOUT_MS = 2000;

/**
 * GET /readyz: the database and the store answer; 503 naming what does not. A service that is gone fails its check
 * at once (the database's connection is refused, Redis's client queues nothing while offline); what a check finds
 * is reported to `health`, so an outage is logged once and its end is noticed even without traffic.
 */
export function readyz(deps: { db: Db; store: KeyValueStore; health: ServiceHealth }): RequestHandler {
  const check = async (dependency: Dependency, probe: () => Promise<unknown>): Promise<"ok" | "unreachable"> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS)));
    try {
      await Promise.race([probe(), timeout]);
      deps.health.up(dependency);
      return "ok";
    } catch (error) {
      deps.health.down(dependency, error);
      return "unreachable";
    } finally {
      clearTimeout(timer);
    }
  };
  return async (_req, res) => {
    const [database, store] = await Promise.all([check("database", () => deps.db.$queryRaw`SELECT 1`), check("store", () => deps.store.ping())]);
    const ready = database === "ok" && store === "ok";
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not_ready", checks: { database, store: `${deps.store.kind}: ${store}` } });
  };
}
