import { z } from "zod";
import type { Request } from "express";
import { HttpError } from "../errors";
import type { ErrorCode } from "../errors";
import { isUuid } from "../ids";

/**
 * The one way a handler reads what a person sent: a zod schema over the form body, the query string or the
 * URL's parameters. Browsers and scripts send odd shapes (a field twice, a JSON object where text was
 * expected, nothing at all), so the field types below read those as a person would mean them instead of
 * failing; a schema's own checks (an enum, a refinement) fail with the message the form shows.
 */

/** A text field: the string sent, or "" when absent or not a string (a repeated field, a JSON object). */
export const text = z.unknown().optional().transform((value) => (typeof value === "string" ? value : ""));

/** A repeated checkbox field: the strings sent, in order (one box gives a string, none gives nothing). */
export const checkboxes = z.unknown().optional().transform((value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === "string"));

/** A choice among `values`, with a fallback when the field is absent or anything else. */
export function choice<T extends string>(values: readonly T[], fallback: T) {
  const isChoice = (value: string): value is T => (values as readonly string[]).includes(value);
  return text.transform((value): T => (isChoice(value) ? value : fallback));
}

/**
 * A database id in the URL. Anything that is not a UUID names nothing, so readParams answers 404 before the
 * database sees it (a 36-character non-UUID used to reach PostgreSQL's uuid cast and end in a 500).
 */
export const uuid = z.string().refine(isUuid, { message: "not an id" });

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; field: string };

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  // A body of `null`, `[1,2]` or plain text carries no fields: read it as an empty form.
  const fields = input !== null && typeof input === "object" && !Array.isArray(input) ? input : {};
  const parsed = schema.safeParse(fields);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: issue?.message ?? "Not valid.", field: String(issue?.path[0] ?? "") };
}

/** The parsed value, or a 400 (validation_failed) that names what is wrong. For forms that are re-shown with the
 * problem instead, handlers call parseInput and render `message` beside the field. */
function valueOf<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new HttpError("validation_failed", parsed.message);
  return parsed.value;
}

export const readForm = <S extends z.ZodType>(req: Request, schema: S): z.output<S> => valueOf(parseInput(schema, req.body));
export const readQuery = <S extends z.ZodType>(req: Request, schema: S): z.output<S> => valueOf(parseInput(schema, req.query));
/**
 * The URL's parameters. A URL whose parameters do not parse names no page, so the answer is a 404: `notFound`
 * picks the catalogue's words for what is missing (client_not_found on the console's client actions).
 */
export function readParams<S extends z.ZodType>(req: Request, schema: S, notFound: ErrorCode = "not_found"): z.output<S> {
  const parsed = parseInput(schema, req.params);
  if (!parsed.ok) throw new HttpError(notFound);
  return parsed.value;
}
