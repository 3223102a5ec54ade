import { randomBytes } from "node:crypto";
import {
  decodeSecretKey,
  decryptSecret,
  decryptSecretFields,
  encryptSecret,
  encryptSecretFields,
  maskSecret,
  maskSecretFields,
} from "../../../../connectors/shared/secrets";

const key = randomBytes(32);

describe("connector secrets", () => {
  it("round-trips through AES-256-GCM with a versioned format and a fresh IV each time", () => {
    const first = encryptSecret("private-key-123", key);
    const second = encryptSecret("private-key-123", key);
    expect(first).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("private-key-123");
    expect(decryptSecret(first, key)).toBe("private-key-123");
  });

  it("refuses a wrong key or an altered value without revealing anything", () => {
    const blob = encryptSecret("private-key-123", key);
    expect(() => decryptSecret(blob, randomBytes(32))).toThrow("wrong key or altered value");
    const [version, iv, tag, data] = blob.split(".");
    const altered = [version, iv, tag, `${data?.slice(0, -2)}AA`].join(".");
    expect(() => decryptSecret(altered, key)).toThrow("wrong key or altered value");
    expect(() => decryptSecret("plain", key)).toThrow("known format");
  });

  it("needs a 32-byte key, given as hex or base64", () => {
    expect(decodeSecretKey(key.toString("hex"))).toEqual(key);
    expect(decodeSecretKey(key.toString("base64"))).toEqual(key);
    expect(() => decodeSecretKey("short")).toThrow("32 bytes");
    expect(() => encryptSecret("x", randomBytes(16))).toThrow("32 bytes");
  });

  it("masks secrets for API output", () => {
    expect(maskSecret("abcdefghijklmnopWXYZ")).toBe("••••••••WXYZ");
    expect(maskSecret("short")).toBe("••••••••");
    expect(maskSecret("")).toBe("");
  });

  it("encrypts, decrypts and masks exactly the named fields", () => {
    const settings = { site: "api-na.myconnectwise.net", privateKey: "private-key-1234567890" };
    const stored = encryptSecretFields(settings, ["privateKey"], key);
    expect(stored.site).toBe(settings.site);
    expect(stored.privateKey).not.toBe(settings.privateKey);
    expect(encryptSecretFields(stored, ["privateKey"], key)).toEqual(stored);
    expect(decryptSecretFields(stored, ["privateKey"], key)).toEqual(settings);
    expect(maskSecretFields(settings, ["privateKey"])).toEqual({ site: settings.site, privateKey: "••••••••7890" });
    expect(maskSecretFields(stored, ["privateKey"])).toEqual({ site: settings.site, privateKey: "••••••••" });
  });
});
