import crypto from "node:crypto";
import { changeAccounts } from "../../src/accounts/change-account";
import type { AccountDeps } from "../../src/accounts/change-account";
import type { Db } from "../../src/platform/db/prisma";
import type { Firm, PortalAccount, StaffAccount, StaffRole } from "../../src/generated/prisma/client";
import type { PortalTemplateName } from "../../config/templates";
import { hashPassword } from "../../src/sign-in/passwords";
import { sealConnectorSettings } from "../../src/psa/firm-connectors";
import { decodeSecretKey } from "../../connectors/shared/secrets";

/** Seeders make unique rows, so tests never depend on each other's data or order. Tests seed through these. */
const unique = () => crypto.randomBytes(4).toString("hex");

export const TEST_PASSWORD = "correct horse battery staple";
let cachedHash: Promise<string> | undefined;
const testPasswordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));

export async function createFirm(db: Db, data: Partial<{ slug: string; name: string; settings: object; defaultTemplate: PortalTemplateName }> = {}): Promise<Firm> {
  const id = unique();
  return db.firm.create({ data: { slug: data.slug ?? `firm-${id}`, name: data.name ?? `Firm ${id}`, settings: data.settings ?? {}, ...(data.defaultTemplate ? { defaultTemplate: data.defaultTemplate } : {}) } });
}

export async function createPortalAccount(
  db: Db,
  firm: Firm,
  data: Partial<{ email: string; status: "invited" | "active" | "disabled"; confirmed: boolean; withPassword: boolean; dateOfBirth: string | null; templateOverride: PortalTemplateName }> = {},
): Promise<PortalAccount> {
  return db.portalAccount.create({
    data: {
      firmId: firm.id,
      email: data.email ?? `client-${unique()}@example.com`,
      status: data.status ?? "active",
      passwordHash: data.withPassword === false ? null : await testPasswordHash(),
      emailConfirmedAt: data.confirmed === false ? null : new Date(),
      dateOfBirth: data.dateOfBirth ? new Date(`${data.dateOfBirth}T00:00:00Z`) : null,
      templateOverride: data.templateOverride ?? null,
    },
  });
}

/** A staff member of the firm: active with the test password unless told otherwise. */
export async function createStaffAccount(
  db: Db,
  firm: Firm,
  data: Partial<{ email: string; role: StaffRole; status: "invited" | "active" | "disabled"; withPassword: boolean; passwordHash: string | null }> = {},
): Promise<StaffAccount> {
  const passwordHash = data.passwordHash !== undefined ? data.passwordHash : data.withPassword === false ? null : await testPasswordHash();
  return db.staffAccount.create({
    data: { firmId: firm.id, email: data.email ?? `staff-${unique()}@firm.example`, role: data.role ?? "admin", status: data.status ?? "active", passwordHash },
  });
}

/** Connect the firm to a PSA (secrets sealed with `secretsKey`, base64, the gateway's CONNECTOR_SECRETS_KEY). */
export async function connectPsa(db: Db, firm: Firm, kind: string, settings: Record<string, unknown>, secretsKey: string): Promise<Firm> {
  return db.firm.update({ where: { id: firm.id }, data: { connectorKind: kind, ...sealConnectorSettings(kind, settings, decodeSecretKey(secretsKey)) } });
}

/** Connect the firm to the demo's CSV PSA (config/demo-psa): Acme Corp, Beacon Builders, Cobalt Civil, Delta Dental. */
export async function connectDemoPsa(db: Db, firm: Firm, data: Partial<{ defaultTemplate: PortalTemplateName }> = {}): Promise<Firm> {
  const settings = { directory: "config/demo-psa" };
  return db.firm.update({ where: { id: firm.id }, data: { connectorKind: "csv", connectorSettings: settings, operatorPsaSettings: { csv: settings }, ...data } });
}

/** The firm's own domain (its links point at the oldest one). */
export async function addFirmDomain(db: Db, firm: Firm, domain: string, createdAt?: Date): Promise<void> {
  await db.firmDomain.create({ data: { domain, firmId: firm.id, ...(createdAt ? { createdAt } : {}) } });
}

/** The firm changes its slug; the old one is kept as an alias that redirects. */
export async function renameFirm(db: Db, firm: Firm, newSlug: string): Promise<Firm> {
  await db.firmSlugAlias.create({ data: { slug: firm.slug, firmId: firm.id } });
  return db.firm.update({ where: { id: firm.id }, data: { slug: newSlug } });
}

/** An old slug of the firm that redirects to its current one. */
export async function addSlugAlias(db: Db, firm: Firm, slug: string): Promise<void> {
  await db.firmSlugAlias.create({ data: { slug, firmId: firm.id } });
}

/** The firm's webhook address secret, stored as the console stores it (its SHA-256). */
export async function setWebhookSecret(db: Db, firm: Firm, secret: string): Promise<void> {
  await db.firm.update({ where: { id: firm.id }, data: { webhookSecretHash: crypto.createHash("sha256").update(secret).digest("hex") } });
}

/** A PSA company's own template. */
export async function setCompanyTemplate(db: Db, firm: Firm, companyExternalId: string, template: PortalTemplateName): Promise<void> {
  await db.companyPortalSetting.create({ data: { firmId: firm.id, companyExternalId, template } });
}

/** The firm's own field set for a template. */
export async function setTemplateFields(db: Db, firm: Firm, template: PortalTemplateName, visibleFields: string[], sections: string[]): Promise<void> {
  await db.firmTemplateSetting.create({ data: { firmId: firm.id, template, visibleFields, sections } });
}

/**
 * What a test changes on a client mid-way (their access turned off in the database, a template of their own),
 * announced to the client's sessions as every account use-case does (src/accounts/change-account.ts).
 */
export async function updateClient(
  gw: AccountDeps,
  account: PortalAccount,
  data: Partial<Pick<PortalAccount, "status" | "templateOverride" | "dateOfBirth" | "sessionsValidAfter" | "lastSignInAt" | "statusChangedAt">>,
): Promise<PortalAccount> {
  return changeAccounts(gw.sessionVersions, [{ kind: "portal", id: account.id }], () => gw.db.portalAccount.update({ where: { id: account.id }, data }));
}
