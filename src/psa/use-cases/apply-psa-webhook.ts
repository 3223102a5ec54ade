import { connectorWebhooks } from "../../../connectors/registry";
import type { PsaChange, PsaWebhooks, SignatureCheck, WebhookDelivery as SignedDelivery } from "../../../connectors/types";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import type { Firm } from "../../generated/prisma/client";
import type { Logger } from "../../platform/logger";
import type { CompanyResolver } from "../../portal/company-resolver";
import type { FirmConnectors } from "../firm-connectors";
import { secretOfDelivery, webhookSecretMatches } from "../webhook-secret";
import { requestSyncRun } from "./request-sync-run";

export interface WebhookDelivery extends SignedDelivery {
  firmId: string;
  /** The address's secret as sent (a PSA may have appended a record id to it). */
  secret: string;
}

export type WebhookFailure =
  | Failure<"not_found" | "webhook_not_supported" | "webhook_signature_invalid" | "webhook_signature_required" | "service_unavailable">
  | (Failure<"validation_failed"> & { message: string });

export interface WebhookDeps {
  db: Db;
  resolver: CompanyResolver;
  logger: Logger;
  connectors: FirmConnectors;
  /** The sync job: kicked so the run a delivery asks for starts within moments in this process. */
  sync: { kick(): void };
}

/**
 * How the PSA signed the delivery. A shared secret (Autotask's SecretKey) is the signing secret made with the
 * address; an address made before signing secrets existed was set up with its own secret as the key, and takes
 * unsigned deliveries as before. A vendor's key (ConnectWise) is checked by the firm's connector.
 */
async function checkSignature(deps: WebhookDeps, firm: Firm, webhooks: PsaWebhooks, delivery: WebhookDelivery, secret: string): Promise<SignatureCheck | { status: "required" }> {
  const signing = webhooks.signing;
  if (!signing) return { status: "unsigned" };
  if (signing.kind === "shared_secret") {
    const signingSecret = firm.webhookSigningSecret ? deps.connectors.openSecret(firm.webhookSigningSecret) : null;
    const header = delivery.header(signing.header);
    if (header === undefined) return signingSecret ? { status: "required" } : { status: "unsigned" };
    return signing.matches(header, delivery.rawBody, signingSecret ?? secret) ? { status: "valid" } : { status: "invalid", reason: "the signature does not match the body" };
  }
  const connector = deps.connectors.forFirm(firm);
  if (!connector.ok) return { status: "unverifiable", error: connector.error };
  return connector.value.verifyWebhook ? connector.value.verifyWebhook(delivery) : { status: "unsigned" };
}

/**
 * The firm's PSA says a contact, company or project changed: the answers it may concern are marked stale, so
 * the next page load of those clients asks the PSA (the old answer stays as the fallback), and a small incremental
 * sync run is asked for, so an archived contact's account is turned off, and a fixed email's flag closed, within a
 * minute rather than at the next scheduled run (a burst of deliveries makes one request, picked up once a minute).
 * The connector reads its own payload and signature (connectors/<kind>/webhooks.ts). An unknown firm and a wrong
 * secret read alike.
 */
export async function applyPsaWebhook(deps: WebhookDeps, delivery: WebhookDelivery): Promise<Result<{ change: string; refreshed: number }, WebhookFailure>> {
  const firm = await deps.db.firm.findUnique({ where: { id: delivery.firmId } });
  if (!firm) return fail("not_found");
  const webhooks = connectorWebhooks(firm.connectorKind);
  const secret = secretOfDelivery(delivery.secret, webhooks?.appendsRecordId === true);
  if (!webhookSecretMatches(firm.webhookSecretHash, secret)) return fail("not_found");
  if (!webhooks) return fail("webhook_not_supported");
  const signature = await checkSignature(deps, firm, webhooks, delivery, secret);
  if (signature.status === "required" || signature.status === "invalid" || signature.status === "unverifiable") {
    const reason = signature.status === "invalid" ? signature.reason : signature.status === "unverifiable" ? signature.error.message : "no signature";
    deps.logger.warn({ firmId: firm.id, signature: signature.status, reason }, "PSA webhook refused");
    if (signature.status === "unverifiable") return fail("service_unavailable");
    return fail(signature.status === "required" ? "webhook_signature_required" : "webhook_signature_invalid");
  }
  const reading = webhooks.parse(delivery.body);
  if (!reading.ok) return fail("validation_failed", { message: reading.error.message });
  const refreshed = await deps.resolver.applyPsaChange(firm, await widenWithSnapshot(deps.db, firm, reading.value));
  await requestSyncRun({ db: deps.db, kick: deps.sync.kick }, { firm, mode: "incremental", trigger: "webhook" });
  deps.logger.info({ firmId: firm.id, change: reading.value.summary, refreshed, signed: signature.status === "valid" }, "PSA webhook applied");
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
