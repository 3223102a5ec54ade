import { z } from "zod";
import { decodeCursor, encodeCursor, isSameHost, parseLinkHeader } from "../../../../connectors/shared/pagination";
import { parseVendorDate } from "../../../../connectors/shared/dates";

describe("pagination helpers", () => {
  it("parses an RFC 5988 Link header", () => {
    const header = '<https://x.example/c?pageSize=50&page=2>; rel="next", <https://x.example/c?pageSize=50&page=4>; rel="last"';
    expect(parseLinkHeader(header)).toEqual({ next: "https://x.example/c?pageSize=50&page=2", last: "https://x.example/c?pageSize=50&page=4" });
    expect(parseLinkHeader(undefined)).toEqual({});
  });

  it("round-trips cursors and rejects foreign ones", () => {
    const schema = z.object({ page: z.number() });
    expect(decodeCursor(encodeCursor({ page: 3 }), schema, "X")).toEqual({ ok: true, value: { page: 3 } });
    expect(decodeCursor("garbage", schema, "X")).toMatchObject({ ok: false, error: { code: "psa_misconfigured", detail: "cursor" } });
  });

  it("compares hosts", () => {
    expect(isSameHost("https://a.example/x", "https://A.example/y")).toBe(true);
    expect(isSameHost("https://b.example/x", "https://a.example/y")).toBe(false);
    expect(isSameHost("http://a.example/x", "https://a.example/y")).toBe(false);
  });
});

describe("vendor dates", () => {
  it("reads UTC with and without an offset, and treats 1900-01-01 as no date", () => {
    expect(parseVendorDate("2025-05-02T14:03:11Z")?.toISOString()).toBe("2025-05-02T14:03:11.000Z");
    expect(parseVendorDate("2025-05-02T14:03:11", { assumeUtc: true })?.toISOString()).toBe("2025-05-02T14:03:11.000Z");
    expect(parseVendorDate("2025-05-02")?.toISOString()).toBe("2025-05-02T00:00:00.000Z");
    expect(parseVendorDate("1900-01-01T00:00:00", { assumeUtc: true })).toBeNull();
    expect(parseVendorDate("not a date")).toBeNull();
    expect(parseVendorDate(null)).toBeNull();
  });
});
