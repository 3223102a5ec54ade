import type { z } from "zod";
import type { ErrorCode } from "../errors";

/**
 * One endpoint of the admin JSON API (/api/admin/v1): a thin adapter, like a page handler. Its zod schemas
 * validate the request (path parameters, query, body) and describe it and its answer in the OpenAPI document
 * (openapi.ts), so what is documented is what is checked. `handle` calls a use-case and answers; failures are
 * catalogue codes (platform/errors.ts). `D` is what the endpoint needs from the gateway's parts, `C` who calls
 * (the API token's firm and role: api-tokens/authenticate-api-token.ts).
 */
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface ApiRequest<C, P = unknown, Q = unknown, B = unknown> {
  caller: C;
  params: P;
  query: Q;
  body: B;
  /** The media type the caller's Accept header prefers among JSON and the endpoint's `documents`; JSON by default. */
  accepts: string;
  /** The raw body of an endpoint that takes one (`upload`); `{ ok: false, problem: "none" }` for every other endpoint. */
  upload: UploadRead;
}

/**
 * A raw body taken in place of JSON (an image upload): the media types read (any other is not read at all), the
 * most bytes read, and what the body holds, for the document.
 */
export interface RawUpload {
  types: readonly string[];
  maxBytes: number;
  description: string;
}

/** The raw body as read: its bytes, or why there are none (no body of an accepted type; more than maxBytes). */
export type UploadRead = { ok: true; bytes: Buffer; type: string } | { ok: false; problem: "none" | "too_large" };

/** A document answered instead of JSON (a CSV export): its media type, download name and text, streamed as produced. */
export interface ApiDocument {
  type: string;
  filename: string;
  text: AsyncIterable<string>;
}

export type ApiAnswer = { ok: true; body: unknown } | { ok: true; document: ApiDocument } | ApiRefusal;

export interface ApiRefusal {
  ok: false;
  code: ErrorCode;
  /** Replaces the catalogue's message where there is more to say (which field, which role). */
  message?: string;
  /** The input field at fault, for a validation failure the use-case found (a slug taken, ...). */
  field?: string;
}

type AnyObject = z.ZodObject;

export interface ApiEndpoint<D, C> {
  method: HttpMethod;
  /** The path under /api/admin/v1, with OpenAPI's `{name}` parameters: "/clients/{accountId}/unlock". */
  path: string;
  /** Groups endpoints in the document ("firm", "clients", "tokens", ...). */
  tag: string;
  summary: string;
  /** Who may call it, in words, for the document ("owners and admins"); the use-case enforces it. */
  roles: string;
  params?: AnyObject;
  query?: AnyObject;
  body?: AnyObject;
  /** A raw body instead of a JSON one (the router reads it after the token and the rate limit): never with `body`. */
  upload?: RawUpload;
  /** The success answer's shape, for the document and the tests that check answers against it. */
  response: z.ZodType;
  /** Media types it may answer instead of JSON (asked for by Accept, or by its own query), with what they hold. */
  documents?: Readonly<Record<string, string>>;
  /** 201 for an endpoint that makes something; 200 otherwise. */
  successStatus?: 200 | 201;
  /** The catalogue codes this endpoint may answer besides the ones every endpoint may (see openapi.ts). */
  errors: readonly ErrorCode[];
  handle(deps: D, request: ApiRequest<C, never, never, never>): Promise<ApiAnswer>;
}

/**
 * The define function for endpoints called by `C` (the feature that authenticates callers exports one): the
 * handler's input is typed from the endpoint's schemas, and `D` from the handler's own `deps` annotation.
 */
export function endpointsCalledBy<C>() {
  return function defineEndpoint<D, P extends AnyObject = z.ZodObject<Record<never, never>>, Q extends AnyObject = z.ZodObject<Record<never, never>>, B extends AnyObject = z.ZodObject<Record<never, never>>>(
    endpoint: Omit<ApiEndpoint<D, C>, "params" | "query" | "body" | "handle"> & {
      params?: P;
      query?: Q;
      body?: B;
      handle(deps: D, request: ApiRequest<C, z.output<P>, z.output<Q>, z.output<B>>): Promise<ApiAnswer>;
    },
  ): ApiEndpoint<D, C> {
    return endpoint as unknown as ApiEndpoint<D, C>;
  };
}

export const answer = (body: unknown): ApiAnswer => ({ ok: true, body });
export const answerDocument = (document: ApiDocument): ApiAnswer => ({ ok: true, document });
export const refuse = (code: ErrorCode, message?: string, field?: string): ApiRefusal => ({ ok: false, code, ...(message ? { message } : {}), ...(field ? { field } : {}) });

/** "/clients/{accountId}/unlock" as Express writes it: "/clients/:accountId/unlock". */
export const expressPath = (path: string): string => path.replace(/\{([A-Za-z0-9_]+)\}/g, ":$1");
