import { defaultTemplates, portalSections, portalTemplates, projectFields } from "../../../config/templates";
import type { PortalSection, PortalTemplateName, ProjectField } from "../../../config/templates";
import type { Firm, StaffAccount } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import type { FirmDirectory } from "../../firms/firm-directory";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";
import { staffActor } from "../../accounts/actor";

export interface TemplateDeps {
  db: Db;
  directory: FirmDirectory;
}

export const isTemplate = (value: string): value is PortalTemplateName => (portalTemplates as readonly string[]).includes(value);

export interface PortalTemplates {
  defaultTemplate: string;
  /** Each template with what it shows here: the firm's own set when it has one, else the product's. */
  templates: Array<{ name: PortalTemplateName; custom: boolean; fields: readonly string[]; sections: readonly string[] }>;
  /** The firm's PSA companies (from the snapshot) and the template each one has, if any. */
  companies: Array<{ externalId: string; name: string; template: string | null }>;
}

export async function loadPortalTemplates(db: Db, firmId: string): Promise<PortalTemplates> {
  const firm = await db.firm.findUniqueOrThrow({ where: { id: firmId } });
  const [own, companies, overrides] = await Promise.all([
    db.firmTemplateSetting.findMany({ where: { firmId } }),
    db.psaCompanySnapshot.findMany({ where: { firmId, connectorKind: firm.connectorKind ?? "", archivedAt: null }, orderBy: { name: "asc" }, take: 500 }),
    db.companyPortalSetting.findMany({ where: { firmId } }),
  ]);
  const ownByTemplate = new Map(own.map((row) => [row.template as string, row]));
  const overrideOf = new Map(overrides.map((row) => [row.companyExternalId, row.template as string | null]));
  return {
    defaultTemplate: firm.defaultTemplate,
    templates: portalTemplates.map((name) => {
      const row = ownByTemplate.get(name);
      return { name, custom: !!row, fields: row ? row.visibleFields : defaultTemplates[name].fields, sections: row ? row.sections : defaultTemplates[name].sections };
    }),
    companies: companies.map((company) => ({ externalId: company.externalId, name: company.name, template: overrideOf.get(company.externalId) ?? null })),
  };
}

/** Why a template change was refused: each reason has its own words on the page. */
export type TemplateFailure =
  | Failure<"owners_and_admins_only" | "template_not_found">
  | (Failure<"validation_failed"> & { reason: "template_unknown" | "company_template_unknown" | "company_missing" | "form_mismatch" })
  | (Failure<"validation_failed"> & { reason: "fields_unknown"; unknown: string[] });

/** Owners and admins change templates; support staff read them. Every change shows on clients' next page load. */
function refuseSupport(staff: StaffAccount): { ok: false; error: TemplateFailure } | null {
  return isOwnerOrAdmin(staff) ? null : fail("owners_and_admins_only");
}

/** The template every client gets unless their company or they themselves have another. */
export async function saveDefaultTemplate(deps: TemplateDeps, input: { firm: Firm; staff: StaffAccount; template: string }): Promise<Result<PortalTemplateName, TemplateFailure>> {
  const refused = refuseSupport(input.staff);
  if (refused) return refused;
  if (!isTemplate(input.template)) return fail("validation_failed", { reason: "template_unknown" as const });
  await deps.db.firm.update({ where: { id: input.firm.id }, data: { defaultTemplate: input.template } });
  deps.directory.forget(input.firm.id);
  await recordStaffAction(deps.db, { firmId: input.firm.id, actor: staffActor(input.staff), action: "template_default_changed", subject: "default", before: { template: input.firm.defaultTemplate }, after: { template: input.template } });
  return ok(input.template);
}

export interface FieldSetChange {
  firm: Firm;
  staff: StaffAccount;
  template: string;
  /** Back to the product's field set. */
  reset: boolean;
  /** The form names its template: a form with every box unchecked sends no fields at all, and must not empty one by accident. */
  fieldset: string;
  fields: string[];
  sections: string[];
}

/** This portal's field set for one template, or back to the product's. Returns the set now in force (null: the product's). */
export async function saveTemplateFields(deps: TemplateDeps, input: FieldSetChange): Promise<Result<{ template: PortalTemplateName; fields: ProjectField[]; sections: PortalSection[] } | { template: PortalTemplateName; reset: true }, TemplateFailure>> {
  const refused = refuseSupport(input.staff);
  if (refused) return refused;
  const { template, firm } = input;
  if (!isTemplate(template)) return fail("template_not_found");
  if (input.reset) {
    await deps.db.firmTemplateSetting.deleteMany({ where: { firmId: firm.id, template } });
    deps.directory.forget(firm.id);
    await recordStaffAction(deps.db, { firmId: firm.id, actor: staffActor(input.staff), action: "template_fields_changed", subject: template, after: { reset: true } });
    return ok({ template, reset: true as const });
  }
  if (input.fieldset !== template) return fail("validation_failed", { reason: "form_mismatch" as const });
  const unknown = [...input.fields.filter((f) => !(projectFields as readonly string[]).includes(f)), ...input.sections.filter((s) => !(portalSections as readonly string[]).includes(s))];
  if (unknown.length > 0) return fail("validation_failed", { reason: "fields_unknown" as const, unknown });
  const data = { visibleFields: projectFields.filter((f) => input.fields.includes(f)), sections: portalSections.filter((s) => input.sections.includes(s)) };
  const previous = await deps.db.firmTemplateSetting.findUnique({ where: { firmId_template: { firmId: firm.id, template } } });
  await deps.db.firmTemplateSetting.upsert({ where: { firmId_template: { firmId: firm.id, template } }, create: { firmId: firm.id, template, ...data }, update: data });
  deps.directory.forget(firm.id);
  const before = previous ? { fields: previous.visibleFields, sections: previous.sections } : { fields: defaultTemplates[template].fields, sections: defaultTemplates[template].sections };
  await recordStaffAction(deps.db, { firmId: firm.id, actor: staffActor(input.staff), action: "template_fields_changed", subject: template, before, after: { fields: data.visibleFields, sections: data.sections } });
  return ok({ template, fields: data.visibleFields, sections: data.sections });
}

/** One PSA company's template, or back to the portal default ("inherit"). Returns the company's name where the snapshot knows it. */
export async function saveCompanyTemplate(
  deps: TemplateDeps,
  input: { firm: Firm; staff: StaffAccount; company: string; template: string },
): Promise<Result<{ company: string; companyName: string | null; template: PortalTemplateName | null }, TemplateFailure>> {
  const refused = refuseSupport(input.staff);
  if (refused) return refused;
  const { firm } = input;
  const company = input.company.trim();
  if (!company || company.length > 200) return fail("validation_failed", { reason: "company_missing" as const });
  if (input.template !== "inherit" && !isTemplate(input.template)) return fail("validation_failed", { reason: "company_template_unknown" as const });
  const template = input.template === "inherit" ? null : input.template;
  const where = { firmId_companyExternalId: { firmId: firm.id, companyExternalId: company } };
  const previous = await deps.db.companyPortalSetting.findUnique({ where });
  await deps.db.companyPortalSetting.upsert({ where, create: { firmId: firm.id, companyExternalId: company, template }, update: { template } });
  deps.directory.forget(firm.id);
  const known = await deps.db.psaCompanySnapshot.findFirst({ where: { firmId: firm.id, externalId: company }, select: { name: true } });
  await recordStaffAction(deps.db, { firmId: firm.id, actor: staffActor(input.staff), action: "company_template_changed", subject: known ? `${known.name} (${company})` : company, before: { template: previous?.template ?? null }, after: { template } });
  return ok({ company, companyName: known?.name ?? null, template });
}
