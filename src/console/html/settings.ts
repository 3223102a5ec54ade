import type { Response } from "express";
import { z } from "zod";
import type { Config } from "../../../config";
import type { Firm } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { errorCatalogue } from "../../platform/errors";
import { readForm, text } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { publicBaseUrl } from "../../platform/http/public-url";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import { staffActor } from "../../accounts/actor";
import type { FirmDirectory } from "../../firms/firm-directory";
import { addFirmDomain, listFirmDomains, listSlugHistory, removeFirmDomain } from "../../firms/use-cases/firm-identity";
import { renameFirm, renameFirmSlug } from "../../firms/use-cases/change-firm";
import multer from "multer";
import type { NextFunction } from "express";
import { LOGO_MAX_BYTES, removeFirmLogo, setFirmLogo } from "../../firms/use-cases/firm-logo";
import { logoPath } from "../../firms/firm-presentation";
import { firmPresentation } from "../../../config/firm-settings";
import { changeFirmSettings, settingFields, settingsFormValues } from "../use-cases/firm-settings";
import { consoleChrome } from "./console-chrome";
import type { Outcome } from "./console-layout";
import { settingsPage } from "./settings-page";
import type { SettingsPageView } from "./settings-page";
import { consoleWords } from "./words";

export interface SettingsDeps {
  db: Db;
  config: Config;
  directory: FirmDirectory;
}

type Problems = Outcome & { errors?: Record<string, string>; values?: Record<string, string>; typed?: SettingsPageView["typed"] };

async function render(deps: SettingsDeps, req: StaffRequest, res: Response, status: number, problems: Problems = {}, firm: Firm = req.tenant.firm): Promise<void> {
  const { staff } = req.principal;
  const [aliases, domains] = await Promise.all([listSlugHistory(deps.db, firm.id), listFirmDomains(deps.db, firm.id)]);
  res.status(status).type("html").send(
    settingsPage({
      ...(await consoleChrome(deps.db, req, "settings")),
      firmName: firm.name,
      notice: problems.notice,
      alert: problems.alert,
      canEdit: isOwnerOrAdmin(staff),
      canReadLog: staff.role === "owner",
      name: firm.name,
      slug: firm.slug,
      logoSrc: firmPresentation(firm.settings).logoHash ? logoPath(req.tenant.basePath, firmPresentation(firm.settings).logoHash ?? "") : null,
      portalUrl: `${publicBaseUrl(deps.config)}/portal/${firm.slug}/`,
      oldSlugs: aliases.map((alias) => alias.slug),
      domains: domains.map((row) => row.domain),
      fields: settingFields,
      values: problems.values ?? settingsFormValues(firm.settings),
      errors: problems.errors ?? {},
      typed: problems.typed ?? {},
    }),
  );
}

const refused = (deps: SettingsDeps, req: StaffRequest, res: Response) =>
  render(deps, req, res, errorCatalogue.owners_and_admins_only.status, { alert: consoleWords.ownersAndAdminsOnly("change the firm's settings") });
const fixFields = "Nothing was saved: correct the fields marked below and save again.";

/** GET /portal/{slug}/admin/settings: every staff member reads the settings; owners and admins change them. */
export function showSettings(deps: SettingsDeps): Handler<StaffRequest> {
  return (req, res) => render(deps, req, res, 200);
}

const settingsForm = z.object(Object.fromEntries(settingFields.map((field) => [field.key, text])));

/** POST /portal/{slug}/admin/settings: all fields at once; an unticked box or an empty field is the product's default. */
export function saveSettings(deps: SettingsDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const form = readForm(req, settingsForm) as Record<string, string>;
    const saved = await changeFirmSettings(deps, { firm: req.tenant.firm, actor: staffActor(req.principal.staff), form });
    if (!saved.ok) {
      if (saved.error.code === "owners_and_admins_only") return refused(deps, req, res);
      return render(deps, req, res, 400, { alert: fixFields, errors: saved.error.fields, values: form });
    }
    deps.directory.forget(saved.value.firm.id);
    const notice = saved.value.changed.length ? `Saved: ${saved.value.changed.length} setting${saved.value.changed.length === 1 ? "" : "s"} changed. Clients see the change on their next page.` : "Nothing changed.";
    return render(deps, req, res, 200, { notice }, saved.value.firm);
  };
}

/** What is wrong with a typed name, slug or domain, beside its field. */
const addressWords = {
  name: "2 to 120 characters, on one line, without < or >",
  slug: { format: "2 to 40 lower-case letters, digits or single hyphens", reserved: "a word the gateway itself uses: choose another", taken: "already the address of another portal: choose another", unchanged: "" },
  domain: { format: "a host name such as portal.yourfirm.com, without https:// or a path", gateway_host: "the gateway's own address: use a host name of your firm's", taken: "already serves another portal" },
};

/** POST /portal/{slug}/admin/settings/name */
export function saveFirmName(deps: SettingsDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const { name } = readForm(req, z.object({ name: text }));
    const renamed = await renameFirm(deps, { firm: req.tenant.firm, actor: staffActor(req.principal.staff), name });
    if (!renamed.ok) return renamed.error.code === "owners_and_admins_only" ? refused(deps, req, res) : render(deps, req, res, 400, { alert: fixFields, errors: { name: addressWords.name }, typed: { name } });
    return render(deps, req, res, 200, { notice: `The firm is now called ${renamed.value.name}.` }, renamed.value);
  };
}

/** POST /portal/{slug}/admin/settings/slug: the portal moves; its old address redirects from now on. */
export function saveFirmSlug(deps: SettingsDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const { slug } = readForm(req, z.object({ slug: text }));
    const moved = await renameFirmSlug(deps, { firm: req.tenant.firm, actor: staffActor(req.principal.staff), newSlug: slug });
    if (!moved.ok) {
      if (moved.error.code === "owners_and_admins_only") return refused(deps, req, res);
      if (moved.error.problem !== "unchanged") return render(deps, req, res, 400, { alert: fixFields, errors: { slug: addressWords.slug[moved.error.problem] }, typed: { slug } });
    }
    const newSlug = moved.ok ? moved.value.firm.slug : req.tenant.firm.slug;
    return res.redirect(303, `${req.tenant.viaCustomDomain ? "/portal" : `/portal/${newSlug}`}/admin/settings`);
  };
}

/** POST /portal/{slug}/admin/settings/domains */
export function addDomain(deps: SettingsDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const { domain } = readForm(req, z.object({ domain: text }));
    const added = await addFirmDomain(deps, { firm: req.tenant.firm, actor: staffActor(req.principal.staff), domain });
    if (!added.ok) return added.error.code === "owners_and_admins_only" ? refused(deps, req, res) : render(deps, req, res, 400, { alert: fixFields, errors: { domain: addressWords.domain[added.error.problem] }, typed: { domain } });
    deps.directory.forget(req.tenant.firm.id);
    return render(deps, req, res, 200, { notice: `${added.value.domain} now serves your portal once its DNS points at this gateway.` });
  };
}

/** POST /portal/{slug}/admin/settings/domains/remove: destructive, so the box must be ticked. */
export function removeDomain(deps: SettingsDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const form = readForm(req, z.object({ domain: text, confirm: text }));
    if (!isOwnerOrAdmin(req.principal.staff)) return refused(deps, req, res);
    if (form.confirm !== "yes") return render(deps, req, res, 400, { alert: consoleWords.confirmFirst(`stop serving the portal at ${form.domain}`) });
    const removed = await removeFirmDomain(deps.db, { firm: req.tenant.firm, actor: staffActor(req.principal.staff), domain: form.domain });
    if (!removed.ok) return removed.error.code === "owners_and_admins_only" ? refused(deps, req, res) : render(deps, req, res, 404, { alert: `${form.domain} is not one of this portal's domains.` });
    deps.directory.forget(req.tenant.firm.id);
    return render(deps, req, res, 200, { notice: `${removed.value.domain} no longer serves your portal.` });
  };
}

/**
 * The logo upload's body (multipart): one file, in memory, at most a byte over the limit so the use-case says
 * "too large" in words. A multipart error becomes a field problem, never a 500.
 */
const logoUpload = multer({ storage: multer.memoryStorage(), limits: { fileSize: LOGO_MAX_BYTES + 1, files: 1, fields: 5 } }).single("logo");
export function readLogoUpload(req: StaffRequest, res: Response, next: NextFunction): void {
  logoUpload(req, res, (error: unknown) => {
    if (error) res.locals.uploadProblem = error instanceof multer.MulterError && error.code === "LIMIT_FILE_SIZE" ? `at most ${LOGO_MAX_BYTES / 1024} KB` : "send one image file";
    next();
  });
}

/** POST /portal/{slug}/admin/settings/logo (multipart): a new logo, checked by its bytes. */
export function saveLogo(deps: SettingsDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const problem = res.locals.uploadProblem as string | undefined;
    if (problem && isOwnerOrAdmin(req.principal.staff)) return render(deps, req, res, 400, { alert: fixFields, errors: { logo: problem } });
    const saved = await setFirmLogo(deps.db, { firm: req.tenant.firm, actor: staffActor(req.principal.staff), bytes: req.file?.buffer ?? null });
    if (!saved.ok) return saved.error.code === "owners_and_admins_only" ? refused(deps, req, res) : render(deps, req, res, 400, { alert: fixFields, errors: saved.error.fields });
    deps.directory.forget(saved.value.id);
    return render(deps, req, res, 200, { notice: "The new logo shows on the portal and in emails from now on." }, saved.value);
  };
}

/** POST /portal/{slug}/admin/settings/logo/remove */
export function deleteLogo(deps: SettingsDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const removed = await removeFirmLogo(deps.db, { firm: req.tenant.firm, actor: staffActor(req.principal.staff) });
    if (!removed.ok) return refused(deps, req, res);
    deps.directory.forget(removed.value.id);
    return render(deps, req, res, 200, { notice: "The logo is removed: the portal shows the firm's name alone." }, removed.value);
  };
}
