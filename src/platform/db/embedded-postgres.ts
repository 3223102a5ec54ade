import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { serializeExtendedQueries } from "./pglite-socket-queue";

/**
 * PostgreSQL without a server: PGlite (Postgres compiled to WebAssembly) in this process, served so that Prisma's
 * pg adapter, the migration engine, the session store and the operator CLI connect to it like to any PostgreSQL.
 * `dataDir` undefined keeps the database in memory (each test file gets a clean one).
 *
 * PGlite answers every user and password alike (it has no authentication of its own), so it is served on a Unix
 * socket in a folder only this process's user can open (mode 0700), never on a TCP port: another local user's
 * process cannot reach it at all (issue 14, finding 3). Anyone who can open that folder can read DATA_DIR's
 * secrets anyway, so a password would add nothing.
 */
export interface EmbeddedPostgres {
  url: string;
  /** The folder holding the socket (`.s.PGSQL.5432`), the `host` of the URL. */
  socketDir: string;
  db: PGlite;
  stop(): Promise<void>;
}

/** Unix socket paths are limited to about 104 bytes (sun_path); a longer folder gets a private one in the temp folder. */
const MAX_SOCKET_PATH = 100;
const SOCKET_NAME = ".s.PGSQL.5432";

export async function startEmbeddedPostgres(options: { dataDir?: string; socketDir?: string; loadDataDir?: Blob } = {}): Promise<EmbeddedPostgres> {
  const socketDir = privateSocketDir(options.socketDir);
  const socketPath = path.join(socketDir, SOCKET_NAME);
  // A socket left by a process that died is just a file; whoever calls this holds the data folder (data-dir-lock.ts).
  fs.rmSync(socketPath, { force: true });
  const db = await PGlite.create(options.dataDir ?? "memory://", options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  // One connection is PGlite-socket's default; a pool of several would lose queries without this.
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 64 });
  // Several connections share one backend: keep each query's messages together (see pglite-socket-queue.ts).
  serializeExtendedQueries(server, db);
  await server.start();
  fs.chmodSync(socketPath, 0o600);
  return {
    url: socketUrl(socketDir),
    socketDir,
    db,
    async stop() {
      await server.stop();
      await db.close();
      fs.rmSync(socketPath, { force: true });
      if (!options.socketDir || socketDir !== path.resolve(options.socketDir)) fs.rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/** The connection URL for the socket in `socketDir` (node-postgres and Prisma read `host` as a socket folder). */
export function socketUrl(socketDir: string): string {
  return `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`;
}

/** The folder asked for, created or tightened to 0700; or a fresh private one when none is asked or its path is too long. */
function privateSocketDir(wanted: string | undefined): string {
  if (wanted && path.resolve(wanted, SOCKET_NAME).length <= MAX_SOCKET_PATH) {
    const dir = path.resolve(wanted);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    return dir;
  }
  return fs.mkdtempSync(path.join(os.tmpdir(), "gw-pg-"));
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
