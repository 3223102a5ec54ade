import type { z } from "zod";
import { connectorDefinitions, connectorKinds, parseConnectorSettings } from "../../connectors/registry";
import type { ConnectorDefinition, ConnectorKind } from "../../connectors/registry";

/**
 * The staff console's "PSA connection": which connector a firm uses, its settings, and "Test connection".
 * The form is derived from each connector's settings schema, so a fifth connector needs no change here.
 */

export interface ConnectorFormField {
  /** The form field's name; a nested field is "parent.child" (the CSV connector's uploaded files). */
  name: string;
  label: string;
  input: "text" | "password" | "number" | "textarea";
  required: boolean;
  secret: boolean;
  /** The value is JSON (a map such as Autotask's project status labels). */
  json: boolean;
  /** Shown in the empty field: the default that applies when it is left blank, or an example of the format. */
  placeholder?: string;
}

interface Introspected {
  def: { type: string; innerType?: z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType>; defaultValue?: unknown };
  shape?: Record<string, z.ZodType>;
}
const look = (schema: z.ZodType) => schema as unknown as Introspected;

/** Strip optional/default/pipe wrappers down to the type a person types in. */
function unwrap(schema: z.ZodType): { base: Introspected; optional: boolean; defaultValue?: unknown } {
  let current = look(schema);
  let optional = false;
  let defaultValue: unknown;
  for (;;) {
    const { type, innerType } = current.def;
    if ((type === "optional" || type === "default") && innerType) {
      optional = true;
      if (type === "default") defaultValue = current.def.defaultValue;
      current = look(innerType);
    } else if (type === "pipe" && current.def.in) {
      current = look(current.def.in);
    } else {
      return { base: current, optional, defaultValue };
    }
  }
}

const WORDS: Record<string, string> = { id: "ID", url: "URL", api: "API" };
function labelOf(name: string): string {
  const words = name.split(/(?=[A-Z])/).map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase());
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function shapeOf(kind: ConnectorKind): Record<string, z.ZodType> {
  const schema = look(connectorDefinitions[kind].settingsSchema as z.ZodType);
  return schema.shape ?? schema.def.shape ?? {};
}

const definitionOf = (kind: ConnectorKind): ConnectorDefinition => connectorDefinitions[kind];
/** Settings only the operator sets, never the console (the connector says which: the CSV connector's folder). */
const operatorOnly = (kind: ConnectorKind): readonly string[] => definitionOf(kind).operatorOnlyFields ?? [];
/** A field's label: the connector's own where it gives one, else the field's name in words. */
const labelFor = (kind: ConnectorKind, name: string): string => definitionOf(kind).fieldLabels?.[name] ?? labelOf(name.split(".").pop() ?? name);

export function connectorFormFields(kind: ConnectorKind): ConnectorFormField[] {
  const secrets = connectorDefinitions[kind].secretFields;
  const fields: ConnectorFormField[] = [];
  for (const [name, schema] of Object.entries(shapeOf(kind))) {
    if (operatorOnly(kind).includes(name)) continue;
    const { base, optional, defaultValue } = unwrap(schema);
    const secret = secrets.includes(name);
    const type = base.def.type;
    if (type === "object") {
      for (const [child, childSchema] of Object.entries(base.shape ?? base.def.shape ?? {})) {
        const label = `${labelFor(kind, `${name}.${child}`)} (paste the file's text)`;
        fields.push({ name: `${name}.${child}`, label, input: "textarea", required: !unwrap(childSchema).optional, secret: false, json: false });
      }
      continue;
    }
    const json = type === "record" || type === "array";
    const hasDefault = defaultValue !== undefined && !(typeof defaultValue === "object" && Object.keys(defaultValue as object).length === 0);
    const placeholder = hasDefault ? String(defaultValue) : json ? '{"1": "New", "5": "Complete"}' : undefined;
    fields.push({ name, label: labelFor(kind, name), input: secret ? "password" : type === "number" ? "number" : json ? "textarea" : "text", required: !optional, secret, json, placeholder });
  }
  return fields;
}

export type FormResult = { ok: true; settings: Record<string, unknown> } | { ok: false; problems: string[] };

/**
 * Settings from the submitted form. A blank secret keeps the stored one (secrets are never sent back to the
 * browser, so the form cannot show them); a blank optional field is left out; JSON fields must parse.
 */
export function readConnectorForm(kind: ConnectorKind, form: Record<string, unknown>, stored: Record<string, unknown> | null): FormResult {
  const settings: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const field of connectorFormFields(kind)) {
    const raw = typeof form[field.name] === "string" ? (form[field.name] as string) : "";
    const blank = raw.trim() === "";
    if (field.name.includes(".")) {
      const [parent, child] = field.name.split(".") as [string, string];
      if (blank) continue;
      settings[parent] = { ...((settings[parent] as Record<string, unknown> | undefined) ?? {}), [child]: raw };
      continue;
    }
    if (blank) {
      if (field.secret && stored && stored[field.name] !== undefined) settings[field.name] = stored[field.name];
      continue;
    }
    if (field.json) {
      try {
        settings[field.name] = JSON.parse(raw) as unknown;
      } catch {
        problems.push(`${field.name}: must be JSON, such as {"1": "New", "5": "Complete"}`);
      }
      continue;
    }
    settings[field.name] = field.input === "number" && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
  }
  if (problems.length) return { ok: false, problems };
  // An operator-set value stays while the form supplies nothing in its place (the demo's CSV folder).
  const formIsEmpty = Object.keys(settings).length === 0;
  for (const name of operatorOnly(kind)) if (formIsEmpty && stored?.[name] !== undefined) settings[name] = stored[name];
  const parsed = parseConnectorSettings(kind, settings);
  if (!parsed.ok) return { ok: false, problems: [parsed.error.message] };
  return { ok: true, settings: parsed.value };
}

/** What the console shows of the current connection: secrets as "saved", uploaded files by size, never the values. */
export function describeStoredSettings(kind: ConnectorKind, stored: Record<string, unknown>): Array<{ label: string; value: string }> {
  const secrets = connectorDefinitions[kind].secretFields;
  // Settings made of pasted texts (the CSV connector's files) are shown by size, never by content.
  const nested = new Set(connectorFormFields(kind).filter((field) => field.name.includes(".")).map((field) => field.name.split(".")[0]));
  return Object.entries(stored)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => {
      if (secrets.includes(name)) return { label: labelFor(kind, name), value: "saved (hidden)" };
      if (isTextByName(value) && nested.has(name)) {
        const files = Object.entries(value).map(([file, text]) => `${labelFor(kind, `${name}.${file}`)} ${text.split("\n").filter(Boolean).length} lines`);
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
