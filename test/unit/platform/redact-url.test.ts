import { redactUrl } from "../../../src/platform/http/redact-url";

describe("URLs in log lines carry no secrets", () => {
  test.each([
    ["/portal/acme/claim/AbC123-_x", "/portal/acme/claim/[token]"],
    ["/portal/acme/reset/AbC123/renew", "/portal/acme/reset/[token]/renew"],
    ["/portal/magic/tok", "/portal/magic/[token]"],
    ["/portal/acme/confirm/tok?utm=1", "/portal/acme/confirm/[token]"],
    ["/webhooks/psa/6f1d2a7e-0000-4000-8000-000000000001/s3cr3t", "/webhooks/psa/6f1d2a7e-0000-4000-8000-000000000001/[secret]"],
    ["/portal/acme/login?email=a@b.c", "/portal/acme/login"],
    ["/portal/acme/projects/P-1", "/portal/acme/projects/P-1"],
  ])("%s is logged as %s", (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});
