import express from "express";
import session from "express-session";
import connectPgSimple from "connect-pg-simple";
import { RedisStore } from "connect-redis";
import escapeHtml from "escape-html";
import { createClient } from "redis";
import { Pool } from "pg";
import { startEmbeddedPostgres } from "../src/platform/db/embedded-postgres";

/**
 * The baseline for bench/run.ts: the least an Express 5 app can do to answer a signed-in request, as JSON and as
 * an HTML page, with the same kind of session store the gateway uses (PostgreSQL on PGlite, or Redis when
 * REDIS_URL is set), so the comparison measures the gateway's own work and not a different store.
 */
async function main(): Promise<void> {
  const app = express();
  let store: session.Store;
  if (process.env.REDIS_URL) {
    const client = createClient({ url: process.env.REDIS_URL });
    await client.connect();
    store = new RedisStore({ client, prefix: `bench-baseline:${process.pid}:` });
  } else {
    const pg = await startEmbeddedPostgres(process.env.BASELINE_DATA_DIR ? { dataDir: process.env.BASELINE_DATA_DIR } : {});
    await pg.db.exec(`CREATE TABLE "session" (sid varchar PRIMARY KEY, sess json NOT NULL, expire timestamp(6) NOT NULL)`);
    const PgStore = connectPgSimple(session);
    store = new PgStore({ pool: new Pool({ connectionString: pg.url, max: 5 }), tableName: "session", pruneSessionInterval: false });
  }
  app.use(session({ name: "portal.sid", secret: "baseline-secret-baseline-secret-0123", store, resave: false, saveUninitialized: false, rolling: true, cookie: { httpOnly: true, sameSite: "lax" } }));
  const projects = [
    { id: "P-1", name: "Acme HQ Renovation", status: "In Progress", phase: "Construction Documents", budget: 250000, percentComplete: 45 },
    { id: "P-2", name: "Acme Distribution Center Expansion", status: "In Progress", phase: "Schematic Design", budget: 1850000, percentComplete: 15 },
    { id: "P-3", name: "Acme Parking Structure Assessment", status: "On Hold", phase: "Design Development", budget: 62000, percentComplete: 30 },
  ];
  app.post("/login", (req, res) => {
    req.session.regenerate(() => {
      (req.session as unknown as { user: string }).user = "omar@acme.com";
      res.status(204).end();
    });
  });
  const user = (req: express.Request) => (req.session as unknown as { user?: string }).user;
  app.get("/api/projects", (req, res) => {
    if (!user(req)) return void res.status(401).json({ error: { code: "sign_in_required" } });
    res.json({ company: { id: "ACME", name: "Acme Corp" }, projects });
  });
  app.get("/", (req, res) => {
    const who = user(req);
    if (!who) return void res.redirect(303, "/login");
    const rows = projects.map((p) => `<li><h2>${escapeHtml(p.name)}</h2><p>${escapeHtml(p.status)}, ${escapeHtml(p.phase)}, $${p.budget.toLocaleString("en-US")}, ${p.percentComplete}%</p></li>`);
    res.type("html").send(`<!doctype html><html><head><title>Acme Corp: projects</title></head><body><p>${escapeHtml(who)}</p><h1>Acme Corp: projects</h1><ul>${rows.join("")}</ul></body></html>`);
  });
  const server = app.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("baseline ready"));
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

void main();
