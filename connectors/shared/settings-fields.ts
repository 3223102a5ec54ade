import { z } from "zod";

/** Marks settings fields that are secrets; the registry derives `secretFields` from these marks. */
const secretRegistry = z.registry<{ secret: true }>();

/** What a person sees for one settings field: its label, and where to find the value in the vendor's own words. */
export interface FieldText {
  label: string;
  help: string;
}

const textRegistry = z.registry<FieldText>();

/** Marks settings fields only the gateway's operator sets, never a firm's admin on the console. */
const operatorOnlyRegistry = z.registry<{ operatorOnly: true }>();

/** Wraps a settings field so it is encrypted at rest and masked in API output. Apply last in the chain. */
export function secret<S extends z.ZodType>(schema: S): S {
  secretRegistry.add(schema, { secret: true });
  return schema;
}

/** Wraps a settings field that only the gateway's operator sets (a folder on the gateway's disk); the console omits it. */
export function operatorOnly<S extends z.ZodType>(schema: S): S {
  operatorOnlyRegistry.add(schema, { operatorOnly: true });
  return schema;
}

/**
 * Gives a settings field (or a part of a group, such as the CSV connector's companies.csv) its label and help text.
 * Apply to the field as it sits in the object (after secret() and operatorOnly()).
 */
export function labelled<S extends z.ZodType>(schema: S, text: FieldText): S {
  textRegistry.add(schema, text);
  return schema;
}

/** How a field is typed: plain text, a secret, a number, JSON (a map such as status labels), or a group of texts. */
export type SettingsInput = "text" | "secret" | "number" | "json" | "texts";

/** One field of a connector's settings form, for a form builder that does not know the vendor. */
export interface SettingsField extends FieldText {
  name: string;
  secret: boolean;
  /** Only the gateway's operator sets it (config or seed), never a firm's admin: the console leaves it out. */
  operatorOnly: boolean;
  /** False when the field may be left empty (it is optional or has a default). */
  required: boolean;
  input: SettingsInput;
  /** The value that applies when the field is left empty, as text (shown as the field's placeholder). */
  defaultValue?: string;
  /** For `texts`: the texts in the group (the CSV connector's companies, contacts, projects, and optional phases). */
  parts?: SettingsPart[];
}

/** One text of a group field, labelled like a field ("companies.csv"). */
export interface SettingsPart extends FieldText {
  name: string;
  required: boolean;
}

interface Introspected {
  def: { type: string; innerType?: z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType>; defaultValue?: unknown };
  shape?: Record<string, z.ZodType>;
}

/** Strips optional/default/pipe wrappers down to the type a person types in, keeping the default. */
function unwrap(schema: z.ZodType): { type: string; shape?: Record<string, z.ZodType>; defaultValue?: unknown } {
  let current = schema as unknown as Introspected;
  let defaultValue: unknown;
  for (;;) {
    const { type, innerType } = current.def;
    if ((type === "optional" || type === "default") && innerType) {
      if (type === "default") defaultValue = current.def.defaultValue;
      current = innerType as unknown as Introspected;
    } else if (type === "pipe" && current.def.in) {
      current = current.def.in as unknown as Introspected;
    } else {
      return { type, shape: current.shape ?? current.def.shape, defaultValue };
    }
  }
}

function inputOf(type: string, secret: boolean): SettingsInput {
  if (secret) return "secret";
  if (type === "number") return "number";
  if (type === "record" || type === "array") return "json";
  return type === "object" ? "texts" : "text";
}

/** Names of the top-level fields of an object schema that were wrapped with `secret()`. */
export function listSecretFields(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => secretRegistry.has(field as z.ZodType))
    .map(([name]) => name);
}

/** Every top-level field with its label, help and input; a field without text is labelled by its name. */
export function listSettingsFields(schema: z.ZodObject): SettingsField[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const zodField = field as z.ZodType;
    const text = textRegistry.get(zodField);
    const secret = secretRegistry.has(zodField);
    const { type, shape, defaultValue } = unwrap(zodField);
    const shownDefault = typeof defaultValue === "string" || typeof defaultValue === "number" ? String(defaultValue) : undefined;
    return {
      name,
      label: text?.label ?? name,
      help: text?.help ?? "",
      secret,
      operatorOnly: operatorOnlyRegistry.has(zodField),
      required: !zodField.safeParse(undefined).success,
      input: inputOf(type, secret),
      ...(shownDefault !== undefined ? { defaultValue: shownDefault } : {}),
      ...(type === "object" && shape ? { parts: listParts(shape) } : {}),
    };
  });
}

function listParts(shape: Record<string, z.ZodType>): SettingsPart[] {
  return Object.entries(shape).map(([name, schema]) => {
    const text = textRegistry.get(schema);
    return { name, label: text?.label ?? name, help: text?.help ?? "", required: !schema.safeParse(undefined).success };
  });
}

/** A field's label, or a part's ("files.companies": "companies.csv"); a name nothing labels is shown as it is. */
export function labelOfSetting(fields: readonly SettingsField[], name: string): string {
  const [top, part] = name.split(".", 2) as [string, string | undefined];
  const field = fields.find((candidate) => candidate.name === top);
  return (part === undefined ? field?.label : field?.parts?.find((candidate) => candidate.name === part)?.label) ?? name;
}

/** Zod's own words for a missing value ("Invalid input: expected string, received undefined") become "is required". */
export const settingsErrorMap: z.core.$ZodErrorMap = (issue) => (issue.input === undefined && issue.code === "invalid_type" ? "is required" : undefined);

/** One problem with settings: the top-level field at fault (null: the settings as a whole) and the sentence, by label. */
export interface SettingsProblem {
  field: string | null;
  text: string;
}

/** Every problem with a settings object, by the field's label, e.g. "Private key: is required". */
export function listSettingsProblems(error: z.ZodError, fields: readonly SettingsField[] = []): SettingsProblem[] {
  return error.issues.map((issue) => {
    const top = issue.path.length ? String(issue.path[0]) : null;
    const where = top === null ? "Settings" : whereOf(fields, issue.path.map(String));
    return { field: top, text: `${where}: ${issue.message}` };
  });
}

/** "Private key", or "Uploaded files › companies.csv" for a part, or the path as it is when nothing labels it. */
function whereOf(fields: readonly SettingsField[], path: string[]): string {
  const [top, part, ...rest] = path as [string, ...string[]];
  const field = fields.find((candidate) => candidate.name === top);
  if (!field) return path.join(".");
  if (part === undefined) return field.label;
  return [field.label, field.parts?.find((candidate) => candidate.name === part)?.label ?? part, ...rest].join(" › ");
}

/** The same problems as sentences, one per problem. */
export function describeSettingsProblems(error: z.ZodError, fields: readonly SettingsField[] = []): string[] {
  return listSettingsProblems(error, fields).map((problem) => problem.text);
}
