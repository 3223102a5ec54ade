import { connectorDefinitions, connectorKinds, describeConnectorSettings, labelOfSetting, validateConnectorSettings } from "../../connectors/registry";
import type { ConnectorKind, SettingsField } from "../../connectors/registry";

/**
 * The staff console's "PSA connection" form: built from the connector's own description of its settings
 * (describeConnectorSettings: labels, the vendor's help text, which fields are secret or required), so a fifth
 * connector needs no change here and src/ names no vendor.
 */

export interface ConnectorFormField {
  /** The form field's name; a part of a group is "group.part" (the CSV connector's uploaded files). */
  name: string;
  /** The settings field it belongs to: a problem with that setting is shown under this field. */
  setting: string;
  label: string;
  /** Where to find the value, in the vendor's own words. */
  help: string;
  input: "text" | "password" | "number" | "textarea";
  required: boolean;
  secret: boolean;
  /** The value is JSON (a map such as Autotask's project status labels). */
  json: boolean;
  /** Shown in the empty field: the default that applies when it is left blank, or an example of the format. */
  placeholder?: string;
}

/** A problem with what was typed, under the settings field it concerns (null: the settings as a whole). */
export interface FieldProblem {
  field: string | null;
  text: string;
}

/** The form field that means "use the settings the gateway's operator set for this firm" instead of typing them. */
export const USE_OPERATOR_SETTINGS = "useOperatorSettings";

/** A setting's label, or a part's ("files.companies": "companies.csv"), as the connector gives it. */
export const labelFor = (kind: ConnectorKind, name: string): string => labelOfSetting(describeConnectorSettings(kind), name);

function formFieldsOf(field: SettingsField): ConnectorFormField[] {
  if (field.input === "texts") {
    return (field.parts ?? []).map((part) => ({
      name: `${field.name}.${part.name}`,
      setting: field.name,
      label: `${part.label} (paste the file's text)`,
      help: part.help || field.help,
      input: "textarea",
      required: part.required,
      secret: false,
      json: false,
    }));
  }
  const json = field.input === "json";
  const input = field.input === "secret" ? "password" : field.input === "number" ? "number" : json ? "textarea" : "text";
  const placeholder = field.defaultValue ?? (json ? '{"1": "New", "5": "Complete"}' : undefined);
  return [{ name: field.name, setting: field.name, label: field.label, help: field.help, input, required: field.required, secret: field.secret, json, placeholder }];
}

export function connectorFormFields(kind: ConnectorKind): ConnectorFormField[] {
  // Settings only the operator sets (the CSV connector's folder on the gateway's disk) are never typed here.
  return describeConnectorSettings(kind)
    .filter((field) => !field.operatorOnly)
    .flatMap(formFieldsOf);
}

/**
 * What was typed, as settings, without judging it (discovery works from a half-filled form). A blank secret keeps
 * the stored one (secrets are never sent back to the browser); a blank field is left out; JSON fields must parse.
 */
export function readConnectorDraft(kind: ConnectorKind, form: Record<string, unknown>, stored: Record<string, unknown> | null): { settings: Record<string, unknown>; problems: FieldProblem[] } {
  const settings: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const field of connectorFormFields(kind)) {
    const raw = typeof form[field.name] === "string" ? (form[field.name] as string) : "";
    const blank = raw.trim() === "";
    if (field.name !== field.setting) {
      const part = field.name.slice(field.setting.length + 1);
      if (!blank) settings[field.setting] = { ...((settings[field.setting] as Record<string, unknown> | undefined) ?? {}), [part]: raw };
    } else if (blank) {
      if (field.secret && stored && stored[field.name] !== undefined) settings[field.name] = stored[field.name];
    } else if (field.json) {
      try {
        settings[field.name] = JSON.parse(raw) as unknown;
      } catch {
        problems.push({ field: field.name, text: `${field.label}: must be JSON, such as {"1": "New", "5": "Complete"}` });
      }
    } else {
      settings[field.name] = field.input === "number" && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
    }
  }
  return { settings, problems };
}

export type FormResult = { ok: true; settings: Record<string, unknown> } | { ok: false; problems: FieldProblem[] };

/**
 * Settings from the submitted form, checked against the connector's schema (problems name the form's labels).
 * `operator` holds what the gateway's operator set for this firm and kind (the demo's CSV folder): the form may
 * choose it, never type it.
 */
export function readConnectorForm(kind: ConnectorKind, form: Record<string, unknown>, stored: Record<string, unknown> | null, operator: Record<string, unknown> | null = null): FormResult {
  if (operator && form[USE_OPERATOR_SETTINGS] === "yes") return validated(kind, operator);
  const draft = readConnectorDraft(kind, form, stored);
  if (draft.problems.length) return { ok: false, problems: draft.problems };
  return validated(kind, draft.settings);
}

function validated(kind: ConnectorKind, settings: Record<string, unknown>): FormResult {
  const checked = validateConnectorSettings(kind, settings);
  return checked.ok ? { ok: true, settings: checked.value } : { ok: false, problems: checked.problems };
}

/** What the console shows of the current connection: secrets as "saved", uploaded files by size, never the values. */
export function describeStoredSettings(kind: ConnectorKind, stored: Record<string, unknown>): Array<{ label: string; value: string }> {
  const fields = describeConnectorSettings(kind);
  return Object.entries(stored)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => {
      const field = fields.find((candidate) => candidate.name === name);
      if (field?.secret) return { label: labelFor(kind, name), value: "saved (hidden)" };
      // Settings made of pasted texts (the CSV connector's files) are shown by size, never by content.
      if (field?.input === "texts" && isTextByName(value)) {
        const files = Object.entries(value).map(([part, text]) => `${labelFor(kind, `${name}.${part}`)} ${text.split("\n").filter(Boolean).length} lines`);
        return { label: labelFor(kind, name), value: files.join(", ") };
      }
      return { label: labelFor(kind, name), value: typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value) };
    });
}

export const connectorChoices = () => connectorKinds.map((kind) => ({ kind, label: connectorDefinitions[kind].label }));

/** Pasted texts by name (the CSV connector's uploaded files). */
function isTextByName(value: unknown): value is Record<string, string> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.values(value).every((text) => typeof text === "string");
}
