import type { Request, RequestHandler, Response } from "express";
import { defaultTemplates, fieldLabels, portalSections, portalTemplates, projectFields } from "../../../config/templates";
import type { PortalTemplateName } from "../../../config/templates";
import type { Db } from "../../platform/db/prisma";
import { formField } from "../../access-links/html/link-route";
import { csrfToken } from "../../platform/http/csrf";
import type { FirmDirectory } from "../../firms/firm-directory";
import type { Tenant } from "../../platform/http/request-state";
import { templatesPage } from "./templates-page";

export interface TemplateAdminDeps {
  db: Db;
  directory: FirmDirectory;
}

const isTemplate = (value: string): value is PortalTemplateName => (portalTemplates as readonly string[]).includes(value);

/** A form's repeated checkbox field as a list of strings (one box gives a string, none gives nothing). */
function checked(req: Request, name: string): string[] {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === "string");
}

async function render(deps: TemplateAdminDeps, req: Request, res: Response, status: number, extra: { notice?: string; alert?: string } = {}): Promise<void> {
  const tenant = req.tenant as Tenant;
  if (req.principal?.kind !== "staff") return;
  const firm = await deps.db.firm.findUniqueOrThrow({ where: { id: tenant.firm.id } });
  const [own, companies, overrides] = await Promise.all([
    deps.db.firmTemplateSetting.findMany({ where: { firmId: firm.id } }),
    deps.db.psaCompanySnapshot.findMany({ where: { firmId: firm.id, connectorKind: firm.connectorKind ?? "", archivedAt: null }, orderBy: { name: "asc" }, take: 500 }),
    deps.db.companyPortalSetting.findMany({ where: { firmId: firm.id } }),
  ]);
  const ownByTemplate = new Map(own.map((row) => [row.template as string, row]));
  const overrideOf = new Map(overrides.map((row) => [row.companyExternalId, row.template as string | null]));
  res.status(status).type("html").send(
    templatesPage({
      firmName: firm.name,
      basePath: tenant.basePath,
      csrfToken: csrfToken(req),
      canEdit: req.principal.staff.role !== "support",
      staffEmail: req.principal.staff.email,
      defaultTemplate: firm.defaultTemplate,
      templates: portalTemplates.map((name) => {
        const row = ownByTemplate.get(name);
        const fields: readonly string[] = row ? row.visibleFields : defaultTemplates[name].fields;
        const sections: readonly string[] = row ? row.sections : defaultTemplates[name].sections;
        return {
          name,
          label: defaultTemplates[name].label,
          custom: !!row,
          fields: projectFields.map((field) => ({ name: field, label: fieldLabels[field], on: fields.includes(field) })),
          sections: portalSections.map((section) => ({ name: section, on: sections.includes(section) })),
        };
      }),
      companies: companies.map((company) => ({ externalId: company.externalId, name: company.name, template: overrideOf.get(company.externalId) ?? null })),
      ...extra,
    }),
  );
}

/** GET /portal/{slug}/admin/templates */
export function showTemplates(deps: TemplateAdminDeps): RequestHandler {
  return (req, res) => render(deps, req, res, 200);
}

/** Owners and admins change templates; support staff read them. */
function refuseSupport(deps: TemplateAdminDeps, req: Request, res: Response): Promise<void> | null {
  if (req.principal?.kind === "staff" && req.principal.staff.role !== "support") return null;
  return render(deps, req, res, 403, { alert: "Only an owner or admin can change templates." });
}

/** POST /portal/{slug}/admin/templates/default: the template every client gets unless a company or client has another. */
export function saveDefaultTemplate(deps: TemplateAdminDeps): RequestHandler {
  return async (req, res) => {
    const refused = refuseSupport(deps, req, res);
    if (refused) return refused;
    const tenant = req.tenant as Tenant;
    const template = formField(req, "template");
    if (!isTemplate(template)) return render(deps, req, res, 400, { alert: `Nothing changed: choose one of ${portalTemplates.join(", ")}.` });
    await deps.db.firm.update({ where: { id: tenant.firm.id }, data: { defaultTemplate: template } });
    deps.directory.forget(tenant.firm.id);
    return render(deps, req, res, 200, { notice: `The portal default is now ${defaultTemplates[template].label}. Clients see it on their next page load.` });
  };
}

/** POST /portal/{slug}/admin/templates/{template}: this portal's field set for one template, or back to the product's. */
export function saveTemplateFields(deps: TemplateAdminDeps): RequestHandler {
  return async (req, res) => {
    const refused = refuseSupport(deps, req, res);
    if (refused) return refused;
    const tenant = req.tenant as Tenant;
    const template = String(req.params.template ?? "");
    if (!isTemplate(template)) return render(deps, req, res, 404, { alert: "No such template." });
    const label = defaultTemplates[template].label;
    if (formField(req, "reset") === "yes") {
      await deps.db.firmTemplateSetting.deleteMany({ where: { firmId: tenant.firm.id, template } });
      deps.directory.forget(tenant.firm.id);
      return render(deps, req, res, 200, { notice: `${label} shows the product default again.` });
    }
    // A form with every box unchecked sends no fields at all, so the form names itself: a post without that
    // marker is not this form, and must not empty a template.
    if (formField(req, "fieldset") !== template) return render(deps, req, res, 400, { alert: "Nothing changed: use the template's form on this page." });
    const fields = checked(req, "fields");
    const sections = checked(req, "sections");
    const unknown = [...fields.filter((f) => !(projectFields as readonly string[]).includes(f)), ...sections.filter((s) => !(portalSections as readonly string[]).includes(s))];
    if (unknown.length > 0) return render(deps, req, res, 400, { alert: `Nothing changed: unknown field or section ${unknown.slice(0, 3).join(", ")}.` });
    const data = { visibleFields: projectFields.filter((f) => fields.includes(f)), sections: portalSections.filter((s) => sections.includes(s)) };
    await deps.db.firmTemplateSetting.upsert({ where: { firmId_template: { firmId: tenant.firm.id, template } }, create: { firmId: tenant.firm.id, template, ...data }, update: data });
    deps.directory.forget(tenant.firm.id);
    return render(deps, req, res, 200, { notice: `${label} saved: ${data.visibleFields.length} fields, ${data.sections.length} sections. Clients see it on their next page load.` });
  };
}

/** POST /portal/{slug}/admin/templates/company: one PSA company's template, or back to the portal default. */
export function saveCompanyTemplate(deps: TemplateAdminDeps): RequestHandler {
  return async (req, res) => {
    const refused = refuseSupport(deps, req, res);
    if (refused) return refused;
    const tenant = req.tenant as Tenant;
    const company = formField(req, "company").trim();
    const template = formField(req, "template");
    if (!company || company.length > 200) return render(deps, req, res, 400, { alert: "Nothing changed: no company was named." });
    if (template !== "inherit" && !isTemplate(template)) return render(deps, req, res, 400, { alert: `Nothing changed: choose one of ${portalTemplates.join(", ")}, or the portal default.` });
    const value = template === "inherit" ? null : template;
    const where = { firmId_companyExternalId: { firmId: tenant.firm.id, companyExternalId: company } };
    await deps.db.companyPortalSetting.upsert({ where, create: { firmId: tenant.firm.id, companyExternalId: company, template: value }, update: { template: value } });
    deps.directory.forget(tenant.firm.id);
    const known = await deps.db.psaCompanySnapshot.findFirst({ where: { firmId: tenant.firm.id, externalId: company }, select: { name: true } });
    const name = known ? known.name : `Company ${company}`;
    return render(deps, req, res, 200, { notice: value ? `${name} now gets ${defaultTemplates[value].label}.` : `${name} follows the portal default again.` });
  };
}
