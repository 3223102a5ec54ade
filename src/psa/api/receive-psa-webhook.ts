import type { RequestHandler } from "express";
import type { Db } from "../../platform/db/prisma";
import { HttpError } from "../../platform/errors";
import type { Logger } from "../../platform/logger";
import type { CompanyResolver } from "../../portal/company-resolver";
import { autotaskSignatureMatches, readPsaWebhook, webhookSecretMatches, widenWithSnapshot } from "../psa-webhook";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * POST /webhooks/psa/{firmId}/{secret}: the firm's PSA says a contact, company or project changed. The
 * answers it may concern are marked stale, so the next page load of those clients asks the PSA (and the old
 * answer stays as the fallback). An unknown firm and a wrong secret get the same 404.
 */
export function receivePsaWebhook(deps: { db: Db; resolver: CompanyResolver; logger: Logger }): RequestHandler {
  const log = deps.logger.child({ module: "psa-webhook" });
  return async (req, res, next) => {
    const firmId = String(req.params.firmId ?? "");
    const secret = String(req.params.secret ?? "");
    const firm = UUID.test(firmId) ? await deps.db.firm.findUnique({ where: { id: firmId } }) : null;
    if (!firm || !webhookSecretMatches(firm.webhookSecretHash, secret)) return next(new HttpError("not_found"));
    const signature = req.get("x-hook-signature");
    if (signature !== undefined && firm.connectorKind === "autotask" && !autotaskSignatureMatches(signature, req.rawBody ?? Buffer.alloc(0), secret)) {
      log.warn({ firmId: firm.id }, "PSA webhook refused: signature does not match");
      return next(new HttpError("webhook_signature_invalid"));
    }
    const reading = readPsaWebhook(firm.connectorKind, req.body);
    if (!reading.ok) return next(new HttpError(reading.status === 422 ? "webhook_not_supported" : "validation_failed", reading.message));
    const refreshed = await deps.resolver.applyPsaChange(firm, await widenWithSnapshot(deps.db, firm, reading.change));
    log.info({ firmId: firm.id, change: reading.change.summary, refreshed }, "PSA webhook applied");
    res.status(202).json({ accepted: true, change: reading.change.summary, refreshed });
  };
}
