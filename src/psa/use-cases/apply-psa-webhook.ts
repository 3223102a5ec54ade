import { connectorWebhooks } from "../../../connectors/registry";
import type { PsaChange } from "../../../connectors/types";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import type { Firm } from "../../generated/prisma/client";
import type { Logger } from "../../platform/logger";
import type { CompanyResolver } from "../../portal/company-resolver";
import { webhookSecretMatches } from "../webhook-secret";
import { requestSyncRun } from "./request-sync-run";

export interface WebhookDelivery {
  firmId: string;
  secret: string;
  body: unknown;
  /** The body's bytes as received, for a signature. */
  rawBody: Buffer;
  /** A request header by (lower-case) name. */
  header(name: string): string | undefined;
}

export type WebhookFailure =
  | Failure<"not_found" | "webhook_not_supported" | "webhook_signature_invalid">
  | (Failure<"validation_failed"> & { message: string });

/**
 * The firm's PSA says a contact, company or project changed: the answers it may concern are marked stale, so
 * the next page load of those clients asks the PSA (the old answer stays as the fallback), and a small incremental
 * sync run is asked for, so an archived contact's account is turned off, and a fixed email's flag closed, within a
 * minute rather than at the next scheduled run (a burst of deliveries makes one request, picked up once a minute).
 * The connector reads its own payload and signature (connectors/<kind>/webhooks.ts). An unknown firm and a wrong
 * secret read alike.
 */
export async function applyPsaWebhook(
  deps: { db: Db; resolver: CompanyResolver; logger: Logger; sync: { kick(): void } },
  delivery: WebhookDelivery,
): Promise<Result<{ change: string; refreshed: number }, WebhookFailure>> {
  const firm = await deps.db.firm.findUnique({ where: { id: delivery.firmId } });
  if (!firm || !webhookSecretMatches(firm.webhookSecretHash, delivery.secret)) return fail("not_found");
  const webhooks = connectorWebhooks(firm.connectorKind);
  if (!webhooks) return fail("webhook_not_supported");
  const signature = webhooks.signature ? delivery.header(webhooks.signature.header) : undefined;
  if (webhooks.signature && signature !== undefined && !webhooks.signature.matches(signature, delivery.rawBody, delivery.secret)) {
    deps.logger.warn({ firmId: firm.id }, "PSA webhook refused: signature does not match");
    return fail("webhook_signature_invalid");
  }
  const reading = webhooks.parse(delivery.body);
  if (!reading.ok) return fail("validation_failed", { message: reading.error.message });
  const refreshed = await deps.resolver.applyPsaChange(firm, await widenWithSnapshot(deps.db, firm, reading.value));
  await requestSyncRun({ db: deps.db, kick: deps.sync.kick }, { firm, mode: "incremental", trigger: "webhook" });
  deps.logger.info({ firmId: firm.id, change: reading.value.summary, refreshed }, "PSA webhook applied");
  return ok({ change: reading.value.summary, refreshed });
}

const unique = (values: string[]) => [...new Set(values)];

/**
 * A webhook names a contact as it is now; the answers that may be wrong also include the ones for what it was:
 * an email taken off the contact, the company it left, or everything when the contact was deleted (a deletion
 * carries no record at all). The sync snapshot remembers what the contact was, so those are added.
 */
async function widenWithSnapshot(db: Db, firm: Pick<Firm, "id" | "connectorKind">, change: PsaChange): Promise<PsaChange> {
  if (!change.contactExternalId || !firm.connectorKind) return change;
  const before = await db.psaContactSnapshot.findUnique({
    where: { firmId_connectorKind_externalId: { firmId: firm.id, connectorKind: firm.connectorKind, externalId: change.contactExternalId } },
    select: { emails: true, companyExternalIds: true },
  });
  if (!before) return change;
  return { ...change, emails: unique([...change.emails, ...before.emails]), companyExternalIds: unique([...change.companyExternalIds, ...before.companyExternalIds]) };
}
