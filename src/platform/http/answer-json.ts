import type { NextFunction, Request, Response } from "express";

/** API routes answer JSON whatever the Accept header says, errors included. */
export function answerJson(req: Request, _res: Response, next: NextFunction): void {
  req.headers.accept = "application/json";
  next();
}
