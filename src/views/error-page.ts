import { html } from "./html";
import { layout } from "./layout";

export function errorPage(options: { title: string; message: string; firmName?: string; homeHref?: string }): string {
  return layout({
    title: options.title,
    firmName: options.firmName,
    body: html`<div class="card" role="alert">
      <h1>${options.title}</h1>
      <p>${options.message}</p>
      ${options.homeHref ? html`<p><a href="${options.homeHref}">Go to the portal's sign-in page</a></p>` : ""}
    </div>`,
  });
}
