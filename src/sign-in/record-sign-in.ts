import type { Request } from "express";
import type { Db } from "../platform/db/prisma";
import type { SignInReason } from "./sign-in-reasons";
import { normalizeEmail } from "../../connectors/shared/normalize-email";

export interface SignInRecord {
  firmId: string;
  emailTyped: string;
  reason: SignInReason;
  portalAccountId?: string | null;
  staffAccountId?: string | null;
  detail?: string;
}

/** Append one row to the sign-in audit trail. The email is kept as typed (trimmed to 320 chars) and normalized. */
export async function recordSignIn(db: Db, req: Request, record: SignInRecord): Promise<void> {
  const typed = record.emailTyped.slice(0, 320);
  await db.signInEvent.create({
    data: {
      firmId: record.firmId,
      emailTyped: typed,
      emailNormalized: normalizeEmail(typed),
      reason: record.reason,
      portalAccountId: record.portalAccountId ?? null,
      staffAccountId: record.staffAccountId ?? null,
      ip: req.ip ?? null,
      userAgent: req.get("user-agent")?.slice(0, 512) ?? null,
      detail: record.detail ?? null,
    },
  });
}
