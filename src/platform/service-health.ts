import { isErrorLike } from "./errors";
import type { Logger } from "./logger";

/** The services a request may need: the database (PostgreSQL or the embedded one) and the store (Redis). */
export type Dependency = "database" | "store";

const names: Record<Dependency, string> = { database: "the database (DATABASE_URL)", store: "Redis (REDIS_URL)" };

/**
 * What the gateway knows of its services' health, and the one place an outage is logged: one line when a service
 * becomes unreachable, one when it answers again, however many requests fail in between (a request that fails
 * because of an outage is answered 503 service_unavailable and logs nothing of its own).
 */
export interface ServiceHealth {
  down(dependency: Dependency, error: unknown): void;
  up(dependency: Dependency): void;
  /**
   * Which service an error says is unreachable, or null for any other error. An error a service's own client
   * reported through `down` names that service: Redis's socket errors carry a bare network code (ECONNRESET), as
   * the database's do, and node-redis rejects the commands in flight with that same error object.
   */
  unavailable(error: unknown): Dependency | null;
}

export function createServiceHealth(logger: Logger, now: () => number = Date.now): ServiceHealth {
  const downSince = new Map<Dependency, number>();
  const reportedBy = new WeakMap<Error, Dependency>();
  return {
    down(dependency, error) {
      if (isErrorLike(error)) reportedBy.set(error, dependency);
      if (downSince.has(dependency)) return;
      downSince.set(dependency, now());
      logger.error({ dependency, reason: reasonOf(error) }, `${names[dependency]} is unreachable; requests that need it answer 503 until it is back`);
    },
    up(dependency) {
      const since = downSince.get(dependency);
      if (since === undefined) return;
      downSince.delete(dependency);
      logger.info({ dependency, downForSeconds: Math.round((now() - since) / 1000) }, `${names[dependency]} is back`);
    },
    unavailable(error) {
      for (let current: unknown = error, depth = 0; isErrorLike(current) && depth < 6; current = current.cause, depth++) {
        const reporter = reportedBy.get(current);
        if (reporter) return reporter;
      }
      return unavailableDependency(error);
    },
  };
}

/** A short reason for the log: the error's code and first line, never the error object (pg's carries its client). */
export function reasonOf(error: unknown): string {
  if (!isErrorLike(error)) return String(error).slice(0, 200);
  const code = (error as { code?: unknown }).code;
  const line = error.message.split("\n").find((text) => text.trim() !== "") ?? error.name;
  return `${typeof code === "string" ? `${code}: ` : ""}${line.trim()}`.slice(0, 200);
}

// node-redis's errors for a connection that is not there (its offline queue is off, so they come at once).
const REDIS_CONNECTION_ERRORS = new Set(["ClientClosedError", "ClientOfflineError", "SocketClosedUnexpectedlyError", "ConnectionTimeoutError", "SocketTimeoutError", "TimeoutError", "ReconnectStrategyError"]);
// Node's and PostgreSQL's codes for "no connection": network errors, class 08 (connection exception), 57P0x (shutdown).
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const PG_CONNECTION_CODES = /^(08|57P0[1-3])/;
// Prisma's codes for the same: can't reach, timed out, server closed the connection, no connection from the pool.
const PRISMA_CONNECTION_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const PG_CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection (is )?(closed|ended)/i;

/**
 * Which service an error says is unreachable by its kind, or null for any other error. Walks the `cause` chain, since Prisma
 * and the stores wrap the driver's error.
 */
function unavailableDependency(error: unknown): Dependency | null {
  for (let current: unknown = error, depth = 0; isErrorLike(current) && depth < 6; current = current.cause, depth++) {
    // A PSA that is down is the connectors' business (they answer from the snapshot), never the database's.
    if ((current as { isAxiosError?: boolean }).isAxiosError) return null;
    if (REDIS_CONNECTION_ERRORS.has(current.constructor.name)) return "store";
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (NETWORK_CODES.has(code) || PRISMA_CONNECTION_CODES.has(code) || PG_CONNECTION_CODES.test(code))) return "database";
    // The embedded database's Unix socket gone: ENOENT, but from connect(), not from the file system.
    if (code === "ENOENT" && (current as { syscall?: unknown }).syscall === "connect") return "database";
    if (PG_CONNECTION_MESSAGES.test(current.message)) return "database";
  }
  return null;
}
