import type { Response } from "express";
import { z } from "zod";
import type { Config } from "../../../config";
import { connectorDefinitions, connectorDiscovers, connectorKinds, isConnectorKind } from "../../../connectors/registry";
import type { ConnectorKind } from "../../../connectors/registry";
import type { Firm } from "../../generated/prisma/client";
import { choice, readForm, readQuery, text } from "../../platform/http/parse-input";
import type { Handler, StaffRequest } from "../../platform/http/portal-router";
import { publicBaseUrl } from "../../platform/http/public-url";
import { errorCatalogue } from "../../platform/errors";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import { connectorChoices, connectorFormFields, describeStoredSettings } from "../../psa/connector-form";
import type { FieldProblem } from "../../psa/connector-form";
import { operatorSettingsOf } from "../../psa/operator-settings";
import { savePsaConnection, testPsaConnection } from "../../psa/use-cases/psa-connection";
import type { ConnectionTest, PsaConnectionDeps, SaveOutcome } from "../../psa/use-cases/psa-connection";
import { discoverPsaSettings } from "../../psa/use-cases/discover-psa-settings";
import { createWebhookAddress } from "../../psa/use-cases/create-webhook-address";
import { psaConnectionPage } from "./psa-connection-page";
import { webhookSetupView } from "./psa-webhook-card";
import { consoleChrome } from "./console-chrome";
import { consoleWords, psaWords } from "./words";

interface Outcome {
  status?: number;
  kind?: ConnectorKind;
  /** "Test connection" of the saved connection, or the test that ran before saving. */
  test?: ConnectionTest;
  notice?: string;
  alert?: string;
  problems?: FieldProblem[];
  /** What the form shows: what was typed (never a secret), with what discovery found. */
  values?: Record<string, string>;
  notes?: string[];
  /** The webhook address just created (and its signing secret): shown this once, never stored in the clear. */
  webhook?: { address: string; signingSecret: string | null };
}

const pageQuery = z.object({ kind: text });

function storedValues(stored: Record<string, unknown> | null): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(stored ?? {})) if (typeof value === "string" || typeof value === "number") values[name] = String(value);
  return values;
}

async function render(deps: PsaConnectionDeps & { config?: Config }, req: StaffRequest, res: Response, firm: Firm, outcome: Outcome = {}): Promise<void> {
  const { staff } = req.principal;
  const stored = deps.connectors.storedSettings(firm);
  const currentKind = firm.connectorKind && isConnectorKind(firm.connectorKind) ? firm.connectorKind : null;
  const { kind: asked } = readQuery(req, pageQuery);
  const kind = outcome.kind ?? (isConnectorKind(asked) ? asked : null) ?? currentKind ?? connectorKinds[0];
  const operator = operatorSettingsOf(firm, kind);
  res.status(outcome.status ?? 200).type("html").send(
    psaConnectionPage({
      ...(await consoleChrome(deps.db, req, "psa")),
      firmName: firm.name,
      canEdit: isOwnerOrAdmin(staff),
      current: currentKind && stored ? { label: connectorDefinitions[currentKind].label, settings: describeStoredSettings(currentKind, stored) } : null,
      choices: connectorChoices(),
      editing: {
        kind,
        label: connectorDefinitions[kind].label,
        fields: connectorFormFields(kind),
        keepsSecrets: kind === currentKind,
        values: outcome.values ?? (kind === currentKind ? storedValues(stored) : {}),
        discovers: connectorDiscovers(kind),
        operatorChoice: operator ? describeStoredSettings(kind, operator) : null,
      },
      test: outcome.test,
      notice: outcome.notice,
      alert: outcome.alert,
      problems: outcome.problems,
      notes: outcome.notes,
      webhook: webhookSetupView(firm, currentKind, outcome.webhook),
    }),
  );
}

/** GET /portal/{slug}/admin/psa[?kind=...]: the connection, "Test connection", and the form for a connector. */
export function showPsaConnection(deps: PsaConnectionDeps): Handler<StaffRequest> {
  return (req, res) => render(deps, req, res, req.tenant.firm);
}

/** POST /portal/{slug}/admin/psa/test: the saved settings' addresses are checked, then one cheap authenticated call. */
export function testConnection(deps: PsaConnectionDeps): Handler<StaffRequest> {
  return async (req, res) => render(deps, req, res, req.tenant.firm, { test: await testPsaConnection(deps.connectors, req.tenant.firm) });
}

const refused = (what: string) => ({ status: errorCatalogue.owners_and_admins_only.status, alert: consoleWords.ownersAndAdminsOnly(what) });

/** The form comes back as typed, except secrets, which are never echoed into a page. */
function typedValues(kind: ConnectorKind, form: Record<string, unknown>): Record<string, string> {
  const fields = connectorFormFields(kind).filter((field) => !field.secret && typeof form[field.name] === "string");
  return Object.fromEntries(fields.map((field) => [field.name, form[field.name] as string]));
}

function readPsaForm(req: StaffRequest) {
  const form: Record<string, unknown> = { ...readForm(req, z.record(z.string(), z.unknown())) };
  const { kind, intent } = readForm(req, z.object({ kind: text, intent: choice(["test_first", "save_even_if_failing"] as const, "test_first") }));
  return { form, kind, intent };
}

function savedWords(outcome: SaveOutcome, form: Record<string, unknown>): Outcome {
  if (!outcome.saved) {
    return { kind: outcome.kind, test: outcome.test, alert: psaWords.notSaved(outcome.kept), values: typedValues(outcome.kind, form), problems: outcome.test.field ? [{ field: outcome.test.field, text: outcome.test.message }] : [] };
  }
  return { kind: outcome.kind, test: outcome.test, ...(outcome.savedFailing ? { alert: psaWords.savedFailing } : { notice: psaWords.saved }) };
}

/** POST /portal/{slug}/admin/psa: owners and admins save a connection that passes its test (or, by choice, one that fails). */
export function saveConnection(deps: PsaConnectionDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const { firm } = req.tenant;
    const { form, kind, intent } = readPsaForm(req);
    const saved = await savePsaConnection(deps, { firm, staff: req.principal.staff, kind, form, intent });
    if (saved.ok) return render(deps, req, res, saved.value.saved ? saved.value.firm : firm, savedWords(saved.value, form));
    const failure = saved.error;
    if (failure.code === "owners_and_admins_only") return render(deps, req, res, firm, refused("change the PSA connection"));
    if (!failure.kind) return render(deps, req, res, firm, { status: errorCatalogue.validation_failed.status, alert: consoleWords.chooseConnector });
    return render(deps, req, res, firm, { status: errorCatalogue.validation_failed.status, kind: failure.kind, alert: psaWords.nothingSaved, problems: failure.problems, values: typedValues(failure.kind, form) });
  };
}

/** POST /portal/{slug}/admin/psa/discover: "Find settings" fills the form with what the PSA says; nothing is saved. */
export function discoverSettings(deps: PsaConnectionDeps): Handler<StaffRequest> {
  return async (req, res) => {
    const { firm } = req.tenant;
    const { form, kind } = readPsaForm(req);
    const found = await discoverPsaSettings(deps.connectors, { firm, staff: req.principal.staff, kind, form });
    if (found.ok) return render(deps, req, res, firm, { kind: found.value.kind, values: { ...typedValues(found.value.kind, form), ...found.value.found }, notes: found.value.notes });
    const failure = found.error;
    if (failure.code === "owners_and_admins_only") return render(deps, req, res, firm, refused("find PSA settings"));
    if (!failure.kind) return render(deps, req, res, firm, { status: errorCatalogue.validation_failed.status, alert: consoleWords.chooseConnector });
    return render(deps, req, res, firm, { status: errorCatalogue.validation_failed.status, kind: failure.kind, alert: psaWords.nothingFound, problems: failure.problems, values: typedValues(failure.kind, form) });
  };
}

/** POST /portal/{slug}/admin/psa/webhook: owners and admins create (or replace) the address the PSA posts to; shown once. */
export function createWebhook(deps: PsaConnectionDeps & { config: Config }): Handler<StaffRequest> {
  return async (req, res) => {
    const created = await createWebhookAddress({ ...deps, publicBaseUrl: publicBaseUrl(deps.config) }, { firm: req.tenant.firm, staff: req.principal.staff });
    if (!created.ok) return render(deps, req, res, req.tenant.firm, refused("create a webhook address"));
    await render(deps, req, res, created.value.firm, { webhook: { address: created.value.address, signingSecret: created.value.signingSecret } });
  };
}
