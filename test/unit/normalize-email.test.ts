import { looksLikeEmail, normalizeEmail } from "../../connectors/shared/normalize-email";

test("emails are trimmed, NFC-normalized and lower-cased", () => {
  expect(normalizeEmail("  Jane.Doe@ACME.com\t")).toBe("jane.doe@acme.com");
  // "é" typed as e + combining accent and as one code point are the same address.
  expect(normalizeEmail("Ren\u0065\u0301@example.com")).toBe(normalizeEmail("ren\u00e9@example.com"));
  expect(normalizeEmail("o+portal@acme.com")).toBe("o+portal@acme.com");
});

test("a loose shape check catches what is clearly not an email", () => {
  expect(looksLikeEmail("jane@acme.com")).toBe(true);
  expect(looksLikeEmail("jane@")).toBe(false);
  expect(looksLikeEmail("jane acme.com")).toBe(false);
});
