import { html } from "./html";
import type { SafeHtml } from "./html";

/** The hidden field every state-changing form carries; platform/http/csrf.ts checks it against the token's cookie. */
export const csrfField = (csrfToken: string): SafeHtml => html`<input type="hidden" name="_csrf" value="${csrfToken}">`;
