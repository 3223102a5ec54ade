import crypto from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import type { Config } from "../../../config";
import { hashWebhookSecret } from "../../psa/psa-webhook";
import type { Db } from "../../platform/db/prisma";
import type { Firm } from "../../generated/prisma/client";
import { connectorDefinitions, isConnectorKind } from "../../../connectors/registry";
import type { ConnectorKind } from "../../../connectors/registry";
import { csrfToken } from "../../platform/http/csrf";
import type { FirmConnectors } from "../../psa/firm-connectors";
import type { FirmDirectory } from "../../firms/firm-directory";
import { connectorChoices, connectorFormFields, describeStoredSettings, readConnectorForm, saveConnection, testConnection } from "../../psa/connector-form";
import { psaConnectionPage } from "./console-pages";
import type { Tenant } from "../../platform/http/request-state";

export interface PsaAdminDeps {
  db: Db;
  connectors: FirmConnectors;
  directory: FirmDirectory;
}

interface Outcome {
  status?: number;
  kind?: ConnectorKind;
  result?: { ok: boolean; message: string };
  problems?: string[];
  values?: Record<string, string>;
  /** The webhook address just created: shown this once, never stored in the clear. */
  webhookUrl?: string;
}

function render(deps: PsaAdminDeps, req: Request, res: Response, firm: Firm, outcome: Outcome = {}): void {
  if (req.principal?.kind !== "staff") return;
  const tenant = req.tenant as Tenant;
  const stored = deps.connectors.storedSettings(firm);
  const currentKind = firm.connectorKind && isConnectorKind(firm.connectorKind) ? firm.connectorKind : null;
  const asked = typeof req.query.kind === "string" && isConnectorKind(req.query.kind) ? req.query.kind : null;
  const kind = outcome.kind ?? asked ?? currentKind ?? "connectwise";
  const values: Record<string, string> = {};
  if (outcome.values) Object.assign(values, outcome.values);
  else if (stored && kind === currentKind) {
    for (const [name, value] of Object.entries(stored)) if (typeof value === "string" || typeof value === "number") values[name] = String(value);
  }
  res.status(outcome.status ?? 200).type("html").send(
    psaConnectionPage({
      firmName: firm.name,
      basePath: tenant.basePath,
      email: req.principal.staff.email,
      csrfToken: csrfToken(req),
      canEdit: req.principal.staff.role !== "support",
      current: currentKind && stored ? { label: connectorDefinitions[currentKind].label, settings: describeStoredSettings(currentKind, stored) } : null,
      choices: connectorChoices(),
      editing: { kind, label: connectorDefinitions[kind].label, fields: connectorFormFields(kind), keepsSecrets: kind === currentKind, values },
      result: outcome.result,
      problems: outcome.problems,
      webhook: { supported: currentKind === "connectwise" || currentKind === "autotask", exists: firm.webhookSecretHash !== null, justCreated: outcome.webhookUrl },
    }),
  );
}

/** GET /portal/{slug}/admin/psa[?kind=...]: the connection, "Test connection", and the form for a connector. */
export function showPsaConnection(deps: PsaAdminDeps): RequestHandler {
  return (req, res) => render(deps, req, res, (req.tenant as Tenant).firm);
}

/** POST /portal/{slug}/admin/psa/test: one cheap authenticated call to the PSA with the saved settings. */
export function testPsaConnection(deps: PsaAdminDeps): RequestHandler {
  return async (req, res) => {
    const firm = (req.tenant as Tenant).firm;
    render(deps, req, res, firm, { result: await testConnection(deps.connectors, firm) });
  };
}

/**
 * POST /portal/{slug}/admin/psa: owners and admins save a connection, then it is tested at once. Invalid settings
 * save nothing and list every problem; secrets are never echoed back into the form.
 */
export function savePsaConnection(deps: PsaAdminDeps): RequestHandler {
  return async (req, res) => {
    const firm = (req.tenant as Tenant).firm;
    if (req.principal?.kind !== "staff") return;
    if (req.principal.staff.role === "support") {
      return render(deps, req, res, firm, { status: 403, problems: ["Only the firm's owners and admins can change the PSA connection."] });
    }
    const form = (req.body ?? {}) as Record<string, unknown>;
    const kind = typeof form.kind === "string" && isConnectorKind(form.kind) ? form.kind : null;
    if (!kind) return render(deps, req, res, firm, { status: 400, problems: ["Choose one of the listed PSAs."] });
    const values = Object.fromEntries(
      connectorFormFields(kind)
        .filter((field) => !field.secret && typeof form[field.name] === "string")
        .map((field) => [field.name, form[field.name] as string]),
    );
    const stored = firm.connectorKind === kind ? deps.connectors.storedSettings(firm) : null;
    const read = readConnectorForm(kind, form, stored);
    if (!read.ok) return render(deps, req, res, firm, { status: 400, kind, problems: read.problems, values });
    const saved = await saveConnection(deps, firm, kind, read.settings);
    render(deps, req, res, saved, { kind, result: await testConnection(deps.connectors, saved) });
  };
}

/**
 * POST /portal/{slug}/admin/psa/webhook: owners and admins create (or replace) the address the PSA posts changes
 * to. The secret is 256 random bits, shown once; only its SHA-256 is kept, and replacing it retires the old one.
 */
export function createWebhookAddress(deps: PsaAdminDeps & { config: Config }): RequestHandler {
  return async (req, res) => {
    const firm = (req.tenant as Tenant).firm;
    if (req.principal?.kind !== "staff") return;
    if (req.principal.staff.role === "support") {
      return render(deps, req, res, firm, { status: 403, problems: ["Only the firm's owners and admins can create a webhook address."] });
    }
    const secret = crypto.randomBytes(32).toString("base64url");
    const saved = await deps.db.firm.update({ where: { id: firm.id }, data: { webhookSecretHash: hashWebhookSecret(secret) } });
    deps.directory.forget(firm.id);
    const base = (deps.config.PUBLIC_URL ?? `http://localhost:${deps.config.PORT}`).replace(/\/+$/, "");
    render(deps, req, res, saved, { webhookUrl: `${base}/webhooks/psa/${firm.id}/${secret}` });
  };
}
