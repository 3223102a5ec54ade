import { z } from "zod";
import { readParams } from "../../platform/http/parse-input";
import type { Handler } from "../../platform/http/portal-router";
import { sendError } from "../../platform/http/send-error";
import type { Db } from "../../platform/db/prisma";
import { findFirmLogo } from "../../firms/use-cases/firm-logo";

const logoParams = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/) });

/**
 * GET /portal/{slug}/logo/{sha256}: the firm's uploaded logo. Its URL names its content, so it may be cached for
 * good; it is sent with its checked type, nosniff, and a sandboxing CSP in case a browser opens it as a page.
 */
export function serveLogo(db: Db): Handler {
  return async (req, res) => {
    const { hash } = readParams(req, logoParams);
    const logo = await findFirmLogo(db, req.tenant.firm.id, hash);
    if (!logo) return sendError(req, res, "not_found");
    res
      .status(200)
      .set({ "Content-Type": logo.contentType, "Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox" })
      .send(Buffer.from(logo.bytes));
  };
}
