import express, { Router } from "express";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { z } from "zod";
import { errorCatalogue } from "../errors";
import type { ErrorCode } from "../errors";
import type { Counter } from "../kv/store";
import { streamText } from "../http/stream-text";
import { rejectNul } from "../http/reject-nul";
import type { ApiAnswer, ApiEndpoint, RawUpload, UploadRead } from "./endpoint";
import { expressPath } from "./endpoint";

export interface AdminApiOptions<D, C> {
  endpoints: ReadonlyArray<ApiEndpoint<D, C>>;
  deps: D;
  /** Who the bearer token stands for; null refuses the request (no token, unknown, revoked: all alike). */
  authenticate(bearer: string | null): Promise<C | null>;
  /** The caller's rate-limit key (one counter per token) and the counter itself (in the store, shared on Redis). */
  limitKey(caller: C): string;
  limiter: Counter;
  limitPerMinute: number;
  /** The OpenAPI document, served without a token at /openapi.json. */
  openApiDocument: unknown;
}

/** One JSON error shape for the API: `{ error: { code, message } }`, from the catalogue, `field` when one is at fault. */
export function sendApiError(res: Response, code: ErrorCode, message?: string, field?: string): void {
  res.status(errorCatalogue[code].status).json({ error: { code, message: message ?? errorCatalogue[code].message, ...(field ? { field } : {}) } });
}

function bearerOf(req: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.get("authorization") ?? "");
  return match?.[1] ?? null;
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string; field: string };

function parsePart(schema: z.ZodObject | undefined, input: unknown): Parsed {
  if (!schema) return { ok: true, value: {} };
  const fields = input !== null && typeof input === "object" && !Array.isArray(input) ? input : {};
  const parsed = schema.safeParse(fields);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join(".") ?? "";
  return { ok: false, field, message: `${field || "request"}: ${issue?.message ?? "not valid"}` };
}

/**
 * What the caller's Accept header (as sent: the router reads every request as asking for JSON, so that an error
 * passed on to the app's error handler answers JSON) prefers among JSON and the endpoint's documents; JSON when it
 * names none of them, a browser's text/html included.
 */
function accepted<D, C>(req: Request, res: Response, endpoint: ApiEndpoint<D, C>): string {
  const sent = res.locals.acceptSent as string | undefined;
  if (!endpoint.documents || !sent) return "application/json";
  req.headers.accept = sent;
  const preferred = req.accepts(["application/json", ...Object.keys(endpoint.documents)]);
  req.headers.accept = "application/json";
  return preferred || "application/json";
}

type UploadReader = (req: Request, res: Response) => Promise<UploadRead>;

/**
 * Reads an endpoint's raw body (the app's parsers take only JSON and forms, at most 100 kb), once the caller is
 * known: body-parser's raw reader, for the endpoint's media types only, stopping past its limit. A body of another
 * type (a form curl sends by default, JSON) is left unread and counts as none; body-parser's other failures (an
 * aborted request, an unknown encoding) go on to the app's error handler, which answers them as the sender's.
 */
function uploadReader(upload: RawUpload | undefined): UploadReader {
  if (!upload) return async () => ({ ok: false, problem: "none" });
  const parse = express.raw({ type: [...upload.types], limit: upload.maxBytes });
  return (req, res) =>
    new Promise((resolve, reject) => {
      parse(req, res, (error?: unknown) => {
        if ((error as { type?: string } | undefined)?.type === "entity.too.large") return resolve({ ok: false, problem: "too_large" });
        if (error) return reject(error);
        const body: unknown = req.body;
        resolve(Buffer.isBuffer(body) && body.length > 0 ? { ok: true, bytes: body, type: req.get("content-type") ?? "" } : { ok: false, problem: "none" });
      });
    });
}

/** Answers for every endpoint: the token, the rate limit, the input, then the endpoint's own answer. */
function handlerFor<D, C>(endpoint: ApiEndpoint<D, C>, options: AdminApiOptions<D, C>): RequestHandler {
  const readUpload = uploadReader(endpoint.upload);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const caller = await options.authenticate(bearerOf(req));
      if (!caller) {
        res.set("WWW-Authenticate", 'Bearer realm="admin-api"');
        return sendApiError(res, "api_token_invalid");
      }
      const limit = await options.limiter.hit(options.limitKey(caller));
      if (limit.consumed > options.limitPerMinute) {
        res.set("Retry-After", String(Math.ceil(limit.msBeforeReset / 1000)));
        return sendApiError(res, "rate_limited");
      }
      const upload = await readUpload(req, res);
      const parts = [parsePart(endpoint.params, req.params), parsePart(endpoint.query, req.query), parsePart(endpoint.body, req.body)];
      const invalid = parts.find((part): part is Extract<Parsed, { ok: false }> => !part.ok);
      if (invalid) return sendApiError(res, "validation_failed", invalid.message, invalid.field);
      const [params, query, body] = parts.map((part) => (part.ok ? part.value : undefined));
      const answered: ApiAnswer = await endpoint.handle(options.deps, { caller, params, query, body, accepts: accepted(req, res, endpoint), upload } as never);
      if (!answered.ok) return sendApiError(res, answered.code, answered.message, answered.field);
      if ("document" in answered) {
        const { type, filename, text } = answered.document;
        res.status(200).type(type).attachment(filename);
        return await streamText(res, text);
      }
      res.status(endpoint.successStatus ?? 200).json(answered.body);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The router reads every request as asking for JSON, so that an error passed on to the app's error handler (a
 * malformed body included) answers JSON; the Accept header as sent is kept for the endpoints that also answer
 * documents (accepted above).
 */
function answerJsonKeepingAccept(req: Request, res: Response, next: NextFunction): void {
  res.locals.acceptSent = req.headers.accept;
  req.headers.accept = "application/json";
  next();
}

/**
 * The admin API's router: every endpoint of the list, the OpenAPI document, and JSON 404s for the rest. It is
 * mounted before the app's body parsers and session middleware (src/app.ts): it reads JSON bodies itself (as the
 * app does: 100 kb, no NUL), an upload's raw bytes per endpoint, never a form; and never a cookie: a request is the
 * token's, which is also why it needs no CSRF token (a browser never sends a bearer token by itself).
 */
export function adminApiRouter<D, C>(options: AdminApiOptions<D, C>): Router {
  const router = Router();
  router.use(answerJsonKeepingAccept, express.json({ limit: "100kb" }), rejectNul);
  router.get("/openapi.json", (_req, res) => void res.json(options.openApiDocument));
  for (const endpoint of options.endpoints) router[endpoint.method](expressPath(endpoint.path), handlerFor(endpoint, options));
  router.use((_req, res) => sendApiError(res, "not_found", "No such endpoint: the OpenAPI document at /api/admin/v1/openapi.json lists them all."));
  return router;
}
