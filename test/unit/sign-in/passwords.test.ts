import { checkPasswordPolicy, hashPassword, verifyPassword } from "../../../src/sign-in/passwords";
import { passwordProblemWords } from "../../../src/access-links/html/words";

describe("password policy", () => {
  const policy = { minLength: 12 };

  test("12 characters is the minimum by default; 11 is refused with how to fix it", () => {
    expect(checkPasswordPolicy("a".repeat(5) + "bcdefg", policy)).toEqual({ code: "too_short", min: 12 });
    expect(passwordProblemWords({ code: "too_short", min: 12 })).toContain("at least 12 characters");
    expect(checkPasswordPolicy("maple trains", policy)).toBeNull();
  });

  test("a firm can raise the minimum", () => {
    expect(checkPasswordPolicy("maple trains", { minLength: 16 })).toEqual({ code: "too_short", min: 16 });
  });

  test("length counts characters, not bytes", () => {
    expect(checkPasswordPolicy("ñandú árboles", policy)).toBeNull();
    expect(checkPasswordPolicy("🦊".repeat(12), policy)).toEqual({ code: "too_common" }); // one character repeated
    expect(checkPasswordPolicy("🦊🐻🦊🐻🦊🐻🦊🐻🦊🐻🦊", policy)).toEqual({ code: "too_short", min: 12 });
  });

  test("at least 64 characters are allowed (we allow 128), and no composition rules apply", () => {
    expect(checkPasswordPolicy("correct horse battery staple ".repeat(4).slice(0, 100), policy)).toBeNull();
    expect(checkPasswordPolicy("x".repeat(10) + "y".repeat(119), policy)).toEqual({ code: "too_long", max: 128 });
    expect(checkPasswordPolicy("all lowercase words here", policy)).toBeNull();
  });

  test("common passwords are refused, also with a counter appended", () => {
    expect(checkPasswordPolicy("qwertyuiopasdfgh".slice(0, 12), policy)).toBeNull(); // not on the list as such
    expect(checkPasswordPolicy("1q2w3e4r5t6y", policy)).toEqual({ code: "too_common" });
    expect(checkPasswordPolicy("password1234", policy)).toEqual({ code: "too_common" });
    expect(checkPasswordPolicy("Sunshine2026!", policy)).toEqual({ code: "too_common" });
  });

  test("words an attacker would try first for this account are refused", () => {
    expect(checkPasswordPolicy("jane.smith rocks 2026", { minLength: 12, contextWords: ["jane.smith", "Acme"] })).toEqual({ code: "contains_context", word: "jane.smith" });
  });
});

describe("password hashing", () => {
  test("argon2id with OWASP parameters, verified exactly as typed", async () => {
    const hash = await hashPassword("Correct Horse Battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "Correct Horse Battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(false);
    expect(await verifyPassword(null, "anything at all")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything at all")).toBe(false);
  });
});
