import crypto from "node:crypto";
import type { Db } from "../../src/platform/db/prisma";
import type { Firm, PortalAccount } from "../../src/generated/prisma/client";
import { hashPassword } from "../../src/sign-in/passwords";

/** Seeders make unique rows, so tests never depend on each other's data or order. */
const unique = () => crypto.randomBytes(4).toString("hex");

export const TEST_PASSWORD = "correct horse battery staple";
let cachedHash: Promise<string> | undefined;
const testPasswordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));

export async function createFirm(db: Db, data: Partial<{ slug: string; name: string; settings: object }> = {}): Promise<Firm> {
  const id = unique();
  return db.firm.create({ data: { slug: data.slug ?? `firm-${id}`, name: data.name ?? `Firm ${id}`, settings: data.settings ?? {} } });
}

export async function createPortalAccount(
  db: Db,
  firm: Firm,
  data: Partial<{ email: string; status: "invited" | "active" | "disabled"; confirmed: boolean; withPassword: boolean }> = {},
): Promise<PortalAccount> {
  return db.portalAccount.create({
    data: {
      firmId: firm.id,
      email: data.email ?? `client-${unique()}@example.com`,
      status: data.status ?? "active",
      passwordHash: data.withPassword === false ? null : await testPasswordHash(),
      emailConfirmedAt: data.confirmed === false ? null : new Date(),
    },
  });
}
