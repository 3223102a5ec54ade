import type { RequestHandler } from "express";
import { z } from "zod";
import { readParams, text, uuid } from "../../platform/http/parse-input";
import { sendError } from "../../platform/http/send-error";
import { applyPsaWebhook } from "../use-cases/apply-psa-webhook";
import type { WebhookDeps } from "../use-cases/apply-psa-webhook";

const params = z.object({ firmId: uuid, secret: text });

/**
 * POST /webhooks/psa/{firmId}/{secret}: JSON in, 202 with what was marked stale (or the catalogue's error). The query
 * (ConnectWise's "?recordId=57961") is not read: the payload names the record.
 */
export function receivePsaWebhook(deps: WebhookDeps): RequestHandler {
  const useCaseDeps = { ...deps, logger: deps.logger.child({ module: "psa-webhook" }) };
  return async (req, res) => {
    const url = readParams(req, params);
    const applied = await applyPsaWebhook(useCaseDeps, {
      ...url,
      body: req.body,
      rawBody: req.rawBody ?? Buffer.alloc(0),
      header: (name) => req.get(name),
    });
    if (!applied.ok) return sendError(req, res, applied.error.code, "message" in applied.error ? applied.error.message : undefined);
    res.status(202).json({ accepted: true, ...applied.value });
  };
}
