import type { Config } from "../config";
import { composeGateway } from "./compose";
import type { Gateway } from "./compose";
import { readLiveHolder } from "./platform/db/data-dir-holder";
import { reachDatabase } from "./platform/db/open-database";
import { connectStore } from "./platform/kv/store-socket";
import type { Logger } from "./platform/logger";
import { createMailTransport } from "./platform/mail/transport";
import { sendEmailNow } from "./platform/mail/send-now";
import type { SentNow } from "./platform/mail/send-now";
import type { NewEmail } from "./platform/mail/enqueue-email";
import { createLockout } from "./sign-in/lockout";
import type { Lockout } from "./sign-in/lockout";

/** What an operator command gets: the gateway's own parts, over the gateway's own data. */
export type OperatorDeps = Omit<Gateway, "close" | "mail"> & {
  config: Config;
  logger: Logger;
  lockout: Lockout;
  /** Queued email goes out when the command ends (SMTP), or with the gateway's next delivery run (outbox + log). */
  mail: { kick(): void };
  /** The same as mail.kick, under the name the link use-cases take it (LinkServiceDeps). */
  kickMail(): void;
  /** Sends a link's email at once, for a link the command also prints (`firm create`); absent without SMTP_URL. */
  mailNow?: (email: NewEmail & { link: string }) => Promise<SentNow>;
};

/**
 * The parts an operator command runs on, over the same data as the running gateway (README, "Operators"):
 * - the database: DATABASE_URL's server; or the embedded PGlite, through the running gateway's socket, or opened
 *   here when no gateway runs (holding DATA_DIR meanwhile: a gateway starting waits);
 * - the store: Redis with REDIS_URL; else the running gateway's in-process store through its socket (an `unlock`
 *   clears the very count sign-in reads); else a fresh in-process one (a stopped gateway's counts are gone).
 */
export async function composeOperator(config: Config, logger: Logger): Promise<{ deps: OperatorDeps; close(): Promise<void> }> {
  const database = await reachDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const holder = readLiveHolder(config.DATA_DIR);
  const control = !config.REDIS_URL && holder?.kind === "gateway" ? holder.control : null;
  let gateway: Gateway;
  try {
    gateway = await composeGateway(config, logger, { database, ...(control ? { store: connectStore(control) } : {}) });
  } catch (error) {
    await database.close();
    throw error;
  }
  let queued = false;
  const transport = config.SMTP_URL ? createMailTransport(config, logger) : null;
  const deps: OperatorDeps = {
    ...gateway,
    config,
    logger,
    lockout: createLockout(gateway.store, config),
    mail: { kick: () => void (queued = true) },
    kickMail: () => void (queued = true),
    ...(transport ? { mailNow: (email: NewEmail & { link: string }) => sendEmailNow({ db: gateway.db, config, transport }, email) } : {}),
  };
  return {
    deps,
    async close() {
      // Without SMTP an email's link is shown in the log of whoever delivers it: leave that to the gateway.
      if (queued && gateway.mailTransport === "smtp") await gateway.mail.runNow();
      transport?.close();
      await gateway.close();
    },
  };
}
