import { Client } from "pg";
import type { ClientConfig, QueryResult } from "pg";

/**
 * A pg Client for Prisma's migration engine only. The WebAssembly schema engine reads catalog columns of
 * Postgres type `name` (OID 19) and `name[]` (OID 1003), which @prisma/adapter-pg does not map
 * ("Column type 'name' could not be deserialized", prisma/orm#27403). Reporting them as text / text[]
 * lets `prisma migrate deploy` run on PostgreSQL and PGlite alike. The app's own client never needs it.
 */
const RETYPE: Record<number, number> = { 19: 25, 1003: 1009 };

function retype(result: QueryResult | undefined): void {
  for (const field of result?.fields ?? []) field.dataTypeID = RETYPE[field.dataTypeID] ?? field.dataTypeID;
}

type AnyQuery = (...args: unknown[]) => unknown;
type Callback = (err: Error | null, result?: QueryResult) => void;

export class MigrationPgClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    const original = (Client.prototype.query as AnyQuery).bind(this);
    // pg-pool calls query(text, values, callback); the adapter awaits query(config). Handle both.
    (this as unknown as { query: AnyQuery }).query = (...args: unknown[]) => {
      const last = args[args.length - 1];
      if (typeof last === "function") {
        const callback = last as Callback;
        return original(...args.slice(0, -1), (err: Error | null, result?: QueryResult) => {
          if (!err) retype(result);
          callback(err, result);
        });
      }
      const result = original(...args);
      return result instanceof Promise ? result.then((value: QueryResult) => (retype(value), value)) : result;
    };
  }
}
