import type { Db } from "../platform/db/prisma";
import type { RequestOrigin } from "../platform/http/request-state";
import type { SignInReason } from "./sign-in-reasons";
import { normalizeEmail } from "../../connectors/shared/normalize-email";
import { signIns } from "../platform/metrics/metrics";

export interface SignInRecord {
  firmId: string;
  emailTyped: string;
  reason: SignInReason;
  portalAccountId?: string | null;
  staffAccountId?: string | null;
  detail?: string;
}

/** Append one row to the sign-in audit trail. The email is kept as typed (trimmed to 320 chars) and normalized. */
export async function recordSignIn(db: Db, origin: RequestOrigin, record: SignInRecord): Promise<void> {
  const typed = record.emailTyped.slice(0, 320);
  await db.signInEvent.create({
    data: {
      firmId: record.firmId,
      emailTyped: typed,
      emailNormalized: normalizeEmail(typed),
      reason: record.reason,
      portalAccountId: record.portalAccountId ?? null,
      staffAccountId: record.staffAccountId ?? null,
      ip: origin.ip,
      userAgent: origin.userAgent,
      detail: record.detail ?? null,
    },
  });
  signIns.inc({ reason: record.reason });
}
