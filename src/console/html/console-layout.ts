import crypto from "node:crypto";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { layout } from "../../platform/html/layout";

/** The console's sections, in the navigation bar's order; the last three are the smaller "more" line. */
export const consoleSections = {
  clients: { label: "Clients", path: "/admin/clients" },
  flags: { label: "Flags", path: "/admin" },
  sync: { label: "Sync", path: "/admin/sync" },
  templates: { label: "Templates", path: "/admin/templates" },
  psa: { label: "PSA", path: "/admin/psa" },
  settings: { label: "Settings", path: "/admin/settings" },
  staff: { label: "Staff", path: "/admin/staff" },
  trail: { label: "Sign-in trail", path: "/admin/trail" },
  outbox: { label: "Outbox", path: "/admin/outbox" },
  audit: { label: "Audit log", path: "/admin/audit" },
  apiTokens: { label: "API tokens", path: "/admin/api-tokens" },
} as const;

export type ConsoleSection = keyof typeof consoleSections;
const mainSections: ConsoleSection[] = ["clients", "flags", "sync", "templates", "psa", "settings", "staff"];
const moreSections: ConsoleSection[] = ["trail", "outbox", "audit", "apiTokens"];

/** Who is looking at a console page, for its signed-in header, its navigation and its forms. */
export interface ConsoleChrome {
  firmName: string;
  basePath: string;
  staffEmail: string;
  csrfToken: string;
  /** Open flags on the firm: counted in the navigation bar on every page, so staff see them first. */
  openFlags: number;
  /** The section this page belongs to (marked in the navigation bar). */
  section: ConsoleSection;
  accent?: string | null;
  logoSrc?: string | null;
}

/** The script that adds Copy buttons (progressive: without it the link is still shown, wrapped, to select by hand). */
export const CONSOLE_SCRIPT = "/assets/console.js";

function navigation(chrome: ConsoleChrome): SafeHtml {
  const item = (section: ConsoleSection) => {
    const { label, path } = consoleSections[section];
    const count = section === "flags" && chrome.openFlags > 0 ? html` <span class="count" title="${chrome.openFlags} open">${chrome.openFlags}</span>` : "";
    return html`<li><a href="${chrome.basePath}${path}"${section === chrome.section ? html` aria-current="page"` : ""}>${label}${count}</a></li>`;
  };
  return html`<nav class="console" aria-label="Console">
    <ul>${mainSections.map(item)}</ul>
    <ul class="more">${moreSections.map(item)}</ul>
  </nav>`;
}

/** A console page: the signed-in header, the navigation bar, the heading, then `content` (and more cards). */
export function consolePage(chrome: ConsoleChrome, title: string, content: SafeHtml, moreCards: SafeHtml | "" = ""): string {
  const { basePath, csrfToken } = chrome;
  return layout({
    title,
    firmName: chrome.firmName,
    accent: chrome.accent,
    logoSrc: chrome.logoSrc,
    scripts: [CONSOLE_SCRIPT],
    signedIn: { email: chrome.staffEmail, logoutAction: `${basePath}/logout`, csrfToken },
    body: html`${navigation(chrome)}
    <div class="card">
      <h1>${title}</h1>
      ${content}
    </div>
    ${moreCards}`,
  });
}

/** What the last action did: words, and a link to share by hand (shown once). */
export interface Outcome {
  notice?: string;
  alert?: string;
  link?: string;
}

/** What the last action did, or why it did not. */
export const noticeAndAlert = (notice?: string, alert?: string): SafeHtml =>
  html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
      ${alert ? html`<div class="alert" role="alert">${alert}</div>` : ""}`;

/**
 * A one-time link: shown whole and wrapped (a phone at 390 px shows it all), with a Copy button the console's
 * script reveals. Without scripts the link can still be selected and copied by hand.
 */
export function copyableLink(url: string, label = "Copy link"): SafeHtml {
  const id = `copy-${crypto.createHash("sha256").update(url).digest("hex").slice(0, 10)}`;
  return html`<code class="link" id="${id}">${url}</code>
    <button type="button" class="copy" data-copy="${id}" hidden>${label}</button>`;
}

/**
 * A destructive action's confirmation: a box that must be ticked (required, and checked again by the server),
 * so the action asks to confirm with scripts off too.
 */
export const confirmBox = (id: string, words: string): SafeHtml =>
  html`<label class="ack" for="${id}"><input id="${id}" type="checkbox" name="confirm" value="yes" required> ${words}</label>`;
