import express from "express";
import type { Express, Request, RequestHandler } from "express";
import { httpDuration, httpRequests, registry } from "./metrics";

/**
 * The route a request matched, as a pattern ("/portal/:slug/claim/:token"), never the URL it came with: a label
 * with slugs, tokens or emails in it would leak firm data and grow without end. Unmatched requests (404s) are one
 * label. The portal is mounted at /portal/:slug, whose matched base holds the real slug: put back as ":slug".
 */
export function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== "string") return "unmatched";
  const base = req.baseUrl.replace(/^\/portal\/[^/]+/, "/portal/:slug");
  return `${base}${path === "/" && base ? "" : path}` || "/";
}

/** Counts every answer and its time by method, route pattern and status class. First in the app's chain. */
export function countRequests(): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const route = routeOf(req);
      httpRequests.inc({ method: req.method, route, status: `${Math.floor(res.statusCode / 100)}xx` });
      httpDuration.observe({ method: req.method, route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

/**
 * GET /metrics in Prometheus's text format, on its own port (METRICS_PORT, on METRICS_HOST: loopback by default),
 * never on the public one: the numbers say how busy each route is and how the PSAs behave, which is the
 * operator's business, and a port of its own needs no token to keep them in.
 */
export function createMetricsApp(): Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/metrics", async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  app.use((_req, res) => void res.status(404).type("text").send("Not found: the metrics are at /metrics.\n"));
  return app;
}
