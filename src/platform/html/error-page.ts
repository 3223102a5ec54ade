import { html } from "./html";
import { messagePage } from "./layout";

export function errorPage(options: { title: string; message: string; firmName?: string; homeHref?: string }): string {
  const next = options.homeHref ? html`<p><a href="${options.homeHref}">Go to the portal's sign-in page</a></p>` : "";
  return messagePage({ ...options, next, role: "alert" });
}
