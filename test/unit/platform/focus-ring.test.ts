import { layout } from "../../../src/platform/html/layout";
import { html } from "../../../src/platform/html/html";

// WCAG 2.2 (1.4.11 non-text contrast, 2.4.13 focus appearance): the focus ring needs 3:1 against what it sits on.
// The ring is drawn 2px outside the element, on whatever background the element is on: the page, a card, a notice,
// an alert or the header. Read them from the stylesheet the pages actually send.

function luminance(color: string): number {
  const hex = color.length === 4 ? `#${[...color.slice(1)].map((c) => c + c).join("")}` : color;
  const channels = [0, 2, 4].map((i) => parseInt(hex.slice(1 + i, 3 + i), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const page = layout({ title: "t", body: html`<p>x</p>` });
const rule = (selector: string, property: string): string => {
  const match = new RegExp(`${selector.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\{[^}]*?${property}:[^;}#]*(#[0-9a-f]{6}|#[0-9a-f]{3})\\b`, "i").exec(page);
  if (!match?.[1]) throw new Error(`no ${property} colour for ${selector} in the stylesheet`);
  return match[1];
};

describe("the focus ring", () => {
  const ring = rule(":focus-visible", "outline");

  test.each([
    ["the page", "body", "background"],
    ["a card", ".card", "background"],
    ["the header", "header", "background"],
    ["a notice", ".notice", "background"],
    ["an alert", ".alert", "background"],
  ])("keeps 3:1 against %s", (_where, selector, property) => {
    expect(contrast(ring, rule(selector, property))).toBeGreaterThanOrEqual(3);
  });

  test("the check bites: the old light orange ring fails against white", () => {
    expect(contrast("#f79009", "#ffffff")).toBeLessThan(3);
  });
});
