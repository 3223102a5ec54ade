import type { Response } from "express";
import { z } from "zod";
import { fieldLabels, portalSections, projectFields } from "../../../config/templates";
import type { ProjectField } from "../../../config/templates";
import { errorCatalogue } from "../../platform/errors";
import type { Result } from "../../platform/errors";
import { checkboxes, readForm, readParams, text } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import { loadPortalTemplates, saveCompanyTemplate, saveDefaultTemplate, saveTemplateFields } from "../use-cases/portal-templates";
import type { TemplateDeps, TemplateFailure } from "../use-cases/portal-templates";
import { templatesPage } from "./templates-page";
import { consoleChrome } from "./console-chrome";
import { templateFailureWords, templateLabel } from "./words";

async function render(deps: TemplateDeps, req: StaffRequest, res: Response, status: number, extra: { notice?: string; alert?: string } = {}): Promise<void> {
  const { tenant } = req;
  const { staff } = req.principal;
  const data = await loadPortalTemplates(deps.db, tenant.firm.id);
  res.status(status).type("html").send(
    templatesPage({
      ...(await consoleChrome(deps.db, req, "templates")),
      canEdit: isOwnerOrAdmin(staff),
      defaultTemplate: data.defaultTemplate,
      templates: data.templates.map((t) => ({
        name: t.name,
        label: templateLabel(t.name),
        custom: t.custom,
        fields: projectFields.map((field: ProjectField) => ({ name: field, label: fieldLabels[field], on: t.fields.includes(field) })),
        sections: portalSections.map((section) => ({ name: section, on: t.sections.includes(section) })),
      })),
      companies: data.companies,
      ...extra,
    }),
  );
}

/** A template change's answer: the page with the notice, or with the words for why nothing changed. */
function answer<T>(deps: TemplateDeps, req: StaffRequest, res: Response, saved: Result<T, TemplateFailure>, notice: (value: T) => string) {
  if (!saved.ok) return render(deps, req, res, errorCatalogue[saved.error.code].status, { alert: templateFailureWords(saved.error) });
  return render(deps, req, res, 200, { notice: notice(saved.value) });
}

/** GET /portal/{slug}/admin/templates: the default, each template's fields and sections, and company templates. */
export function showTemplates(deps: TemplateDeps): Handler<StaffRequest> {
  return (req, res) => render(deps, req, res, 200);
}

const templateForm = z.object({ template: text });

/** POST /portal/{slug}/admin/templates/default: the template every client gets unless a company or client has another. */
export function saveDefault(deps: TemplateDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const { template } = readForm(req, templateForm);
    const saved = await saveDefaultTemplate(deps, { firm: req.tenant.firm, staff: req.principal.staff, template });
    return answer(deps, req, res, saved, (chosen) => `The portal default is now ${templateLabel(chosen)}. Clients see it on their next page load.`);
  };
}

const fieldsForm = z.object({ reset: text, fieldset: text, fields: checkboxes, sections: checkboxes });

/** POST /portal/{slug}/admin/templates/{template}: this portal's field set for one template, or back to the product's. */
export function saveFields(deps: TemplateDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const form = readForm(req, fieldsForm);
    const { template } = readParams(req, templateForm);
    const saved = await saveTemplateFields(deps, { firm: req.tenant.firm, staff: req.principal.staff, template, reset: form.reset === "yes", fieldset: form.fieldset, fields: form.fields, sections: form.sections });
    return answer(deps, req, res, saved, (set) =>
      "reset" in set
        ? `${templateLabel(set.template)} shows the product default again.`
        : `${templateLabel(set.template)} saved: ${set.fields.length} fields, ${set.sections.length} sections. Clients see it on their next page load.`,
    );
  };
}

const companyForm = z.object({ company: text, template: text });

/** POST /portal/{slug}/admin/templates/company: one PSA company's template, or back to the portal default. */
export function saveCompany(deps: TemplateDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const form = readForm(req, companyForm);
    const saved = await saveCompanyTemplate(deps, { firm: req.tenant.firm, staff: req.principal.staff, ...form });
    return answer(deps, req, res, saved, ({ company, companyName, template }) => {
      const name = companyName ?? `Company ${company}`;
      return template ? `${name} now gets ${templateLabel(template)}.` : `${name} follows the portal default again.`;
    });
  };
}
