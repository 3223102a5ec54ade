import { z } from "zod";

/** Marks settings fields that are secrets; the registry derives `secretFields` from these marks. */
const secretRegistry = z.registry<{ secret: true }>();

/** Wraps a settings field so it is encrypted at rest and masked in API output. Apply last in the chain. */
export function secret<S extends z.ZodType>(schema: S): S {
  secretRegistry.add(schema, { secret: true });
  return schema;
}

/** Names of the top-level fields of an object schema that were wrapped with `secret()`. */
export function listSecretFields(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => secretRegistry.has(field as z.ZodType))
    .map(([name]) => name);
}

/** Every problem with a settings object, one per line, e.g. "privateKey: Required". */
export function describeSettingsProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : "(settings)"}: ${issue.message}`);
}
