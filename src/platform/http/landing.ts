import type { Request, Response } from "express";
import { errorPage } from "../html/error-page";

/** GET /: there is nothing to show without a firm, and listing firms would help nobody but a scraper. */
export function landing(_req: Request, res: Response): void {
  res.type("html").send(
    errorPage({ title: "Client portal", message: "Open the portal link your firm sent you (it looks like /portal/your-firm/login)." }),
  );
}
