import type { Request, Response } from "express";

/**
 * The console's one script, served same-origin (the CSP allows 'self' only): it reveals each Copy button and
 * copies its link. Pages work without it: the link is shown whole, to select by hand.
 */
const script = `"use strict";
document.querySelectorAll("button[data-copy]").forEach(function (button) {
  var target = document.getElementById(button.getAttribute("data-copy"));
  if (!target || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(target.textContent.trim()).then(function () {
      button.textContent = "Copied";
    });
  });
});
`;

/** GET /assets/console.js */
export function consoleScript(_req: Request, res: Response): void {
  res.type("application/javascript").set("Cache-Control", "public, max-age=3600").send(script);
}
