import type { NextFunction, Request, Response } from "express";
import { HttpError } from "../errors";

const NUL = "\u0000";

function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes(NUL);
  if (depth > 8 || value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([key, inner]) => key.includes(NUL) || holdsNul(inner, depth + 1));
}

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in what a client sends (path, query, form, JSON) would
 * surface as a database error deep inside a request. No real email, password, token or id contains one: refuse
 * such a request up front with a plain 400 instead.
 */
export function rejectNul(req: Request, _res: Response, next: NextFunction): void {
  if (/%00/i.test(req.originalUrl) || req.originalUrl.includes(NUL) || holdsNul(req.query) || holdsNul(req.body)) {
    return next(new HttpError("validation_failed", "The request contains a character that is never valid here (NUL). Check what was typed or pasted and try again."));
  }
  next();
}
