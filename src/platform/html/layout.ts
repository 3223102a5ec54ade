import { html } from "./html";
import { SafeHtml } from "./html";
import { csrfField } from "./csrf-field";

/** The firm on a page's header: its name, and its brand colour and logo when it has set them (Settings). */
export interface PageBrand {
  firmName?: string;
  /** The firm's brand colour for the header's accent; the product's when unset. */
  accent?: string | null;
  /** The firm's logo, served by the gateway (its alt text is the firm's name). */
  logoSrc?: string | null;
}

/** The brand fields of some options, to hand on to `layout`. */
export const brandOf = (options: PageBrand): PageBrand => ({ firmName: options.firmName, accent: options.accent, logoSrc: options.logoSrc });

export interface LayoutOptions extends PageBrand {
  title: string;
  /** Shown in the header when someone is signed in: their email and a sign-out button. */
  signedIn?: { email: string; logoutAction: string; csrfToken: string };
  body: SafeHtml;
  /** Same-origin scripts that only enhance the page (it works without them), e.g. the console's Copy buttons. */
  scripts?: string[];
}

// Plain, readable styles that work in phones' in-app browsers. The client's portal has no scripts; the console
// loads one small same-origin script that adds Copy buttons (everything works without it). The focus ring's
// colour keeps 3:1 against every background it can sit on (test/unit/platform/focus-ring.test.ts checks it).
// A .table-scroll is positioned so that what is absolutely placed inside it (a .visually-hidden label) scrolls with the
// table instead of widening the page. On a phone a table.stack shows each row as a block of "Column: value" lines (data-label) instead of squeezing its
// columns until words break mid-letter; the explicit roles keep it a table for screen readers once it is display:block.
const styles = `
  *{box-sizing:border-box} body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f6f7f9}
  header{background:#fff;border-bottom:1px solid #d8dde3;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between}
  header .firm{font-weight:600} main{max-width:56rem;margin:0 auto;padding:1rem}
  .card{background:#fff;border:1px solid #d8dde3;border-radius:8px;padding:1.25rem;margin:1rem 0}
  label{display:block;font-weight:600;margin-top:.75rem} input[type=email],input[type=password],input[type=text],input[type=number],textarea,select{width:100%;padding:.6rem;font-size:1rem;border:1px solid #8a949e;border-radius:6px}
  button,.button{display:inline-block;margin-top:1rem;padding:.6rem 1.1rem;font-size:1rem;border:0;border-radius:6px;background:#0b5cad;color:#fff;text-decoration:none;cursor:pointer}
  button.link{background:none;color:#0b5cad;padding:0;margin:0;text-decoration:underline}
  .alert{border-left:4px solid #b42318;background:#fef3f2;padding:.75rem 1rem;margin:1rem 0}
  .notice{border-left:4px solid #0b5cad;background:#eff8ff;padding:.75rem 1rem;margin:1rem 0}
  .muted{color:#57606a;font-size:.9rem} a{color:#0b5cad} .field-error{color:#b42318;font-weight:600;margin:.25rem 0} dl.paste dt{font-weight:600} dl.paste dd{margin:0 0 .5rem;overflow-wrap:anywhere}
  :focus-visible{outline:3px solid #b54708;outline-offset:2px}
  ul.projects{list-style:none;padding:0;margin:0} ul.projects h2{margin:0 0 .5rem;font-size:1.15rem}
  dl.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.5rem 1rem;margin:0}
  dl.fields dt{font-size:.8rem;color:#57606a;text-transform:uppercase;letter-spacing:.03em} dl.fields dd{margin:0;font-weight:500}
  .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
  fieldset{border:1px solid #d8dde3;border-radius:6px;margin:.75rem 0} fieldset label{display:inline-block;font-weight:400;margin:.25rem 1rem .25rem 0}
  header img.logo{max-height:2rem;max-width:10rem;vertical-align:middle;margin-right:.5rem}
  nav.console ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem} nav.console{background:#fff;border-bottom:1px solid #d8dde3;padding:.5rem 1rem}
  nav.console a{text-decoration:none;font-weight:600} nav.console a[aria-current=page]{text-decoration:underline;text-underline-offset:.3em}
  nav.console ul.more a{font-weight:400;font-size:.9rem} .count{display:inline-block;min-width:1.4rem;padding:0 .4rem;border-radius:1rem;background:#b42318;color:#fff;font-size:.8rem;text-align:center}
  button.danger,.button.danger{background:#b42318} .ack{display:flex;gap:.5rem;align-items:flex-start;font-weight:400} .ack input{margin-top:.35rem}
  code.link{display:block;overflow-wrap:anywhere;word-break:break-all;background:#f6f7f9;border:1px solid #d8dde3;border-radius:6px;padding:.5rem;margin:.5rem 0}
  .table-scroll{overflow-x:auto;position:relative} .errors{color:#b42318;font-size:.9rem;margin:.25rem 0 0} .pager{display:flex;gap:1rem;margin-top:1rem}
  form.inline{display:inline} form.inline button{margin:.25rem .25rem 0 0;padding:.35rem .7rem;font-size:.9rem}
  table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.4rem;border-bottom:1px solid #d8dde3;vertical-align:top;overflow-wrap:anywhere} td form button{margin-top:.5rem}
  .table-wrap{overflow-x:auto} .nowrap{white-space:nowrap}
  @media (max-width:36rem){
    table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
    table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
    table.stack tr{border-bottom:1px solid #d8dde3;padding:.5rem 0} table.stack td{border:0;padding:.1rem 0;overflow-wrap:break-word}
    table.stack td[data-label]::before{content:attr(data-label) ": ";color:#57606a;font-weight:600}
  }
  .switcher fieldset{display:flex;flex-wrap:wrap;gap:.5rem;border:0;padding:0;margin:.5rem 0} .switcher legend{font-weight:600;margin-bottom:.25rem}
  .switcher button{margin:0;background:#fff;color:#0b5cad;border:2px solid #0b5cad} .switcher button[aria-pressed=true]{background:#0b5cad;color:#fff}
  .list-controls p{margin:.25rem 0} .tags{margin:.25rem 0 .5rem}
  .tag{display:inline-block;padding:.05rem .5rem;margin-right:.25rem;border-radius:999px;background:#eef1f4;color:#1b1f24;font-size:.85rem;font-weight:600}
  .tag.overdue{background:#fef3f2;color:#b42318;border:1px solid #b42318} .tag.next{background:#0b5cad;color:#fff}
  .progress{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin:.5rem 0} .progress progress{flex:1 1 8rem;max-width:16rem;height:.8rem}
  tr.next td{background:#eff8ff;font-weight:600} section{margin-top:1.25rem} section h2{font-size:1.1rem;margin:0 0 .5rem}
  .label{color:#57606a} .contact{margin-top:1rem}
  .preview-banner{border:2px dashed #b54708;background:#fffaeb;padding:.25rem 1rem;margin:1rem 0}
  details.row-off summary{color:#b42318;font-weight:600;font-size:.9rem;cursor:pointer;margin-top:.35rem} details.row-off[open]{min-width:14rem}
`;
const styleSheet = new SafeHtml(styles);

export function layout(options: LayoutOptions): string {
  const { title, firmName, signedIn, body } = options;
  const accent = options.accent && /^#[0-9a-f]{6}$/i.test(options.accent) ? new SafeHtml(`<style>header{border-top:4px solid ${options.accent}}</style>`) : "";
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}${firmName ? ` · ${firmName}` : ""}</title>
<style>${styleSheet}</style>
${accent}
${(options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<header>
  ${options.logoSrc
    ? html`<span class="firm"><img class="logo" src="${options.logoSrc}" alt="${firmName ?? "Client portal"}"><span aria-hidden="true">${firmName ?? "Client portal"}</span></span>`
    : html`<span class="firm">${firmName ?? "Client portal"}</span>`}
  ${signedIn
    ? html`<form method="post" action="${signedIn.logoutAction}">
        <span class="muted">${signedIn.email}</span>
        ${csrfField(signedIn.csrfToken)}
        <button type="submit" class="link">Sign out</button>
      </form>`
    : ""}
</header>
<main id="main">
${body}
</main>
</body>
</html>`.value;
}

/** A page that is one card: a heading, a message and the next step. `alert` for trouble, `status` for news. */
export function messagePage(options: PageBrand & { title: string; message: string | SafeHtml; next?: SafeHtml | string; role: "alert" | "status" }): string {
  return layout({
    title: options.title,
    ...brandOf(options),
    body: html`<div class="card" role="${options.role}">
      <h1>${options.title}</h1>
      <p>${options.message}</p>
      ${options.next ?? ""}
    </div>`,
  });
}

/** A page that is one card with a heading and a line of introduction, then its form. */
export function cardPage(options: PageBrand & { title: string; intro: string; content: SafeHtml }): string {
  return layout({
    title: options.title,
    ...brandOf(options),
    body: html`<div class="card">
      <h1>${options.title}</h1>
      <p>${options.intro}</p>
      ${options.content}
    </div>`,
  });
}
