import type { Request, RequestHandler, Response } from "express";
import type { Db } from "../db/prisma";
import type { KeyValueStore } from "../kv/store";

/** GET /healthz: the process is up and serving. */
export function healthz(_req: Request, res: Response): void {
  res.json({ status: "ok" });
}

/** GET /readyz: the database and the store answer; 503 naming what does not. */
export function readyz(deps: { db: Db; store: KeyValueStore }): RequestHandler {
  const withTimeout = <T>(p: Promise<T>) => Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000).unref())]);
  return async (_req, res) => {
    const [database, store] = await Promise.all([
      withTimeout(deps.db.$queryRaw`SELECT 1`).then(() => "ok", () => "unreachable"),
      withTimeout(deps.store.ping()).then(() => "ok", () => "unreachable"),
    ]);
    const ready = database === "ok" && store === "ok";
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not_ready", checks: { database, store: `${deps.store.kind}: ${store}` } });
  };
}
