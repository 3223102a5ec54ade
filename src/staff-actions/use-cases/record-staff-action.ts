import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import type { Actor } from "../../accounts/actor";
import type { StaffActionKind } from "../staff-action-kinds";

export interface StaffActionRecord {
  firmId: string;
  actor: Actor;
  action: StaffActionKind;
  /** What it was done to: a setting's name, a client's email, a template, a sync run's id. */
  subject?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
  at?: Date;
}

/** Keys whose values are secrets: their change is recorded, never their value. */
const SECRET_KEY = /secret|password|token|private|passphrase|credential/i;

function withoutSecrets(value: Prisma.InputJsonValue | null | undefined): Prisma.InputJsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((item) => withoutSecrets(item as Prisma.InputJsonValue) ?? null) as Prisma.InputJsonValue;
  if (typeof value !== "object") return value;
  const out: Record<string, Prisma.InputJsonValue | null> = {};
  for (const [key, inner] of Object.entries(value as Record<string, Prisma.InputJsonValue>)) {
    out[key] = SECRET_KEY.test(key) ? (inner === null || inner === undefined || inner === "" ? "(not set)" : "(set)") : (withoutSecrets(inner) ?? null);
  }
  return out;
}

/**
 * Record what a firm's staff (or API token, or the operator) did: who, what, when, before and after. Call it
 * inside the transaction of the change where there is one (pass `tx`), so the change and its record stand or
 * fall together. Values under secret-looking keys are replaced by "(set)" / "(not set)": the log never holds one.
 */
export async function recordStaffAction(db: Db | Prisma.TransactionClient, record: StaffActionRecord): Promise<void> {
  await db.staffAction.create({
    data: {
      firmId: record.firmId,
      at: record.at ?? new Date(),
      actorKind: record.actor.kind,
      actorId: record.actor.id,
      actorLabel: record.actor.label.slice(0, 254),
      action: record.action,
      subject: record.subject?.slice(0, 254) ?? null,
      before: withoutSecrets(record.before),
      after: withoutSecrets(record.after),
    },
  });
}
