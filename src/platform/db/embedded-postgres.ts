import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { serializeExtendedQueries } from "./pglite-socket-queue";

/**
 * PostgreSQL without a server: PGlite (Postgres compiled to WebAssembly) in this process, served on a
 * loopback port so Prisma's pg adapter, the migration engine and the session store connect to it like to
 * any PostgreSQL. `dataDir` undefined keeps the database in memory (each test file gets a clean one).
 */
export interface EmbeddedPostgres {
  url: string;
  db: PGlite;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(options: { dataDir?: string; port?: number; loadDataDir?: Blob } = {}): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(options.dataDir ?? "memory://", options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  const port = options.port ?? (await findFreePort());
  // One connection is PGlite-socket's default; a pool of several would lose queries without this.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 64 });
  // Several connections share one backend: keep each query's messages together (see pglite-socket-queue.ts).
  serializeExtendedQueries(server, db);
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    db,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
