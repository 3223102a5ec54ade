import { html } from "./html";
import { layout } from "./layout";

/** The signed-in landing page. The company-resolution work fills it with the client's projects. */
export function homePage(options: { firmName: string; basePath: string; email: string; csrfToken: string }): string {
  return layout({
    title: "Your projects",
    firmName: options.firmName,
    signedIn: { email: options.email, logoutAction: `${options.basePath}/logout`, csrfToken: options.csrfToken },
    body: html`<div class="card">
      <h1>Your projects</h1>
      <p>You are signed in as ${options.email}.</p>
    </div>`,
  });
}
