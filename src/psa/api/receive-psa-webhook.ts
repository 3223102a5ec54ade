import type { RequestHandler } from "express";
import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { readParams, text, uuid } from "../../platform/http/parse-input";
import { sendError } from "../../platform/http/send-error";
import type { Logger } from "../../platform/logger";
import type { CompanyResolver } from "../../portal/company-resolver";
import { applyPsaWebhook } from "../use-cases/apply-psa-webhook";

const params = z.object({ firmId: uuid, secret: text });

/** POST /webhooks/psa/{firmId}/{secret}: JSON in, 202 with what was marked stale (or the catalogue's error). */
export function receivePsaWebhook(deps: { db: Db; resolver: CompanyResolver; logger: Logger }): RequestHandler {
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
