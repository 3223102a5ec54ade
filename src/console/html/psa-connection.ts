import type { Response } from "express";
import { z } from "zod";
import type { Config } from "../../../config";
import { connectorDefinitions, connectorKinds, connectorWebhooks, isConnectorKind } from "../../../connectors/registry";
import type { ConnectorKind } from "../../../connectors/registry";
import type { Firm } from "../../generated/prisma/client";
import { readForm, readQuery, text } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { publicBaseUrl } from "../../platform/http/public-url";
import { errorCatalogue } from "../../platform/errors";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import { connectorChoices, connectorFormFields, describeStoredSettings } from "../../psa/connector-form";
import { createWebhookAddress, savePsaConnection, testPsaConnection } from "../../psa/use-cases/psa-connection";
import type { ConnectionTest, PsaConnectionDeps } from "../../psa/use-cases/psa-connection";
import { psaConnectionPage } from "./psa-connection-page";
import { consoleChrome } from "./console-chrome";
import { consoleWords } from "./words";

interface Outcome {
  status?: number;
  kind?: ConnectorKind;
  result?: ConnectionTest;
  problems?: string[];
  values?: Record<string, string>;
  /** The webhook address just created: shown this once, never stored in the clear. */
  webhookUrl?: string;
}

const pageQuery = z.object({ kind: text });

async function render(deps: PsaConnectionDeps, req: StaffRequest, res: Response, firm: Firm, outcome: Outcome = {}): Promise<void> {
  const { staff } = req.principal;
  const stored = deps.connectors.storedSettings(firm);
  const currentKind = firm.connectorKind && isConnectorKind(firm.connectorKind) ? firm.connectorKind : null;
  const { kind: asked } = readQuery(req, pageQuery);
  const kind = outcome.kind ?? (isConnectorKind(asked) ? asked : null) ?? currentKind ?? connectorKinds[0];
  const values: Record<string, string> = {};
  if (outcome.values) Object.assign(values, outcome.values);
  else if (stored && kind === currentKind) {
    for (const [name, value] of Object.entries(stored)) if (typeof value === "string" || typeof value === "number") values[name] = String(value);
  }
  res.status(outcome.status ?? 200).type("html").send(
    psaConnectionPage({
      ...(await consoleChrome(deps.db, req, "psa")),
      firmName: firm.name,
      canEdit: isOwnerOrAdmin(staff),
      current: currentKind && stored ? { label: connectorDefinitions[currentKind].label, settings: describeStoredSettings(currentKind, stored) } : null,
      choices: connectorChoices(),
      editing: { kind, label: connectorDefinitions[kind].label, fields: connectorFormFields(kind), keepsSecrets: kind === currentKind, values },
      result: outcome.result,
      problems: outcome.problems,
      webhook: { setupInstructions: connectorWebhooks(currentKind)?.setupInstructions ?? null, exists: firm.webhookSecretHash !== null, justCreated: outcome.webhookUrl },
    }),
  );
}

/** GET /portal/{slug}/admin/psa[?kind=...]: the connection, "Test connection", and the form for a connector. */
export function showPsaConnection(deps: PsaConnectionDeps): Handler<StaffRequest> {
  return (req, res) => render(deps, req, res, req.tenant.firm);
}

/** POST /portal/{slug}/admin/psa/test: one cheap authenticated call to the PSA with the saved settings. */
export function testConnection(deps: PsaConnectionDeps): Handler<StaffRequest> {
  return async (req, res) => render(deps, req, res, req.tenant.firm, { result: await testPsaConnection(deps.connectors, req.tenant.firm) });
}

const refused = (what: string) => ({ status: errorCatalogue.owners_and_admins_only.status, problems: [consoleWords.ownersAndAdminsOnly(what)] });

/** POST /portal/{slug}/admin/psa: owners and admins save a connection, then it is tested at once. */
export function saveConnection(deps: PsaConnectionDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const { firm } = req.tenant;
    const form: Record<string, unknown> = { ...readForm(req, z.record(z.string(), z.unknown())) };
    const { kind } = readForm(req, z.object({ kind: text }));
    const saved = await savePsaConnection(deps, { firm, staff: req.principal.staff, kind, form });
    if (saved.ok) return render(deps, req, res, saved.value.firm, { kind: saved.value.kind, result: saved.value.test });
    const failure = saved.error;
    if (failure.code === "owners_and_admins_only") return render(deps, req, res, firm, refused("change the PSA connection"));
    // The form comes back as typed, except secrets, which are never echoed into a page.
    const fields = failure.kind ? connectorFormFields(failure.kind).filter((field) => !field.secret && typeof form[field.name] === "string") : [];
    const values = Object.fromEntries(fields.map((field) => [field.name, form[field.name] as string]));
    const problems = failure.kind ? failure.problems : [consoleWords.chooseConnector];
    return render(deps, req, res, firm, { status: errorCatalogue.validation_failed.status, kind: failure.kind ?? undefined, problems, values: failure.kind ? values : undefined });
  };
}

/** POST /portal/{slug}/admin/psa/webhook: owners and admins create (or replace) the address the PSA posts to; shown once. */
export function createWebhook(deps: PsaConnectionDeps & { config: Config }): Handler<StaffRequest> {
  return async (req, res) => {
    const created = await createWebhookAddress({ ...deps, publicBaseUrl: publicBaseUrl(deps.config) }, { firm: req.tenant.firm, staff: req.principal.staff });
    if (!created.ok) return render(deps, req, res, req.tenant.firm, refused("create a webhook address"));
    render(deps, req, res, created.value.firm, { webhookUrl: created.value.url });
  };
}
