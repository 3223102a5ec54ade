import { z } from "zod";

/** Marks settings fields that are secrets; the registry derives `secretFields` from these marks. */
const secretRegistry = z.registry<{ secret: true }>();

/** What a person sees for one settings field: its label, and where to find the value in the vendor's own words. */
export interface FieldText {
  label: string;
  help: string;
}

const textRegistry = z.registry<FieldText>();

/** Wraps a settings field so it is encrypted at rest and masked in API output. Apply last in the chain. */
export function secret<S extends z.ZodType>(schema: S): S {
  secretRegistry.add(schema, { secret: true });
  return schema;
}

/** Gives a settings field its label and help text. Apply to the field as it sits in the object (after secret()). */
export function labelled<S extends z.ZodType>(schema: S, text: FieldText): S {
  textRegistry.add(schema, text);
  return schema;
}

/** One field of a connector's settings form, for a form builder that does not know the vendor. */
export interface SettingsField extends FieldText {
  name: string;
  secret: boolean;
  /** False when the field may be left empty (it is optional or has a default). */
  required: boolean;
}

/** Names of the top-level fields of an object schema that were wrapped with `secret()`. */
export function listSecretFields(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => secretRegistry.has(field as z.ZodType))
    .map(([name]) => name);
}

/** Every top-level field with its label and help; a field without text is labelled by its name. */
export function listSettingsFields(schema: z.ZodObject): SettingsField[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const zodField = field as z.ZodType;
    const text = textRegistry.get(zodField);
    return { name, label: text?.label ?? name, help: text?.help ?? "", secret: secretRegistry.has(zodField), required: !zodField.safeParse(undefined).success };
  });
}

/** Zod's own words for a missing value ("Invalid input: expected string, received undefined") become "is required". */
export const settingsErrorMap: z.core.$ZodErrorMap = (issue) => (issue.input === undefined && issue.code === "invalid_type" ? "is required" : undefined);

/** Every problem with a settings object, one per line, by the field's label, e.g. "Private key: is required". */
export function describeSettingsProblems(error: z.ZodError, fields: readonly SettingsField[] = []): string[] {
  return error.issues.map((issue) => {
    const top = issue.path[0];
    const label = fields.find((field) => field.name === top)?.label;
    const where = issue.path.length === 0 ? "Settings" : label ? [label, ...issue.path.slice(1)].join(" › ") : issue.path.join(".");
    return `${where}: ${issue.message}`;
  });
}
