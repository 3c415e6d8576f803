import { describe, expect, it } from "vitest";
import { originAllowed, parseAllowedOrigins } from "./origin.ts";

const policy = { allowed: ["https://portal.edu.ru"], trustProxy: false };

describe("origin policy", () => {
  it("allows the app's own host, listed origins and requests without an Origin", () => {
    expect(originAllowed("http://127.0.0.1:3000", { host: "127.0.0.1:3000" }, policy)).toBe(true);
    expect(originAllowed("https://medk.example.ru", { host: "medk.example.ru" }, policy)).toBe(true);
    expect(originAllowed("https://medk.example.ru:443", { host: "medk.example.ru" }, policy)).toBe(true);
    expect(originAllowed("https://Portal.edu.ru", { host: "medk.example.ru" }, policy)).toBe(true);
    expect(originAllowed(null, { host: "medk.example.ru" }, policy)).toBe(true);
  });

  it("refuses every other origin, look-alikes and the opaque null origin", () => {
    for (const o of ["https://evil.example", "https://medk.example.ru.evil.example", "http://medk.example.ru:8080", "null", "file://x", "garbage"])
      expect(originAllowed(o, { host: "medk.example.ru" }, policy)).toBe(false);
  });

  it("trusts X-Forwarded-Host only behind a proxy", () => {
    expect(originAllowed("https://medk.ru", { host: "127.0.0.1:3000", forwardedHost: "medk.ru" }, { allowed: [], trustProxy: true })).toBe(true);
    expect(originAllowed("https://medk.ru", { host: "127.0.0.1:3000", forwardedHost: "medk.ru" }, { allowed: [], trustProxy: false })).toBe(false);
  });

  it("parses MEDK_ALLOWED_ORIGINS and rejects entries that are not origins", () => {
    expect(parseAllowedOrigins("https://a.ru, http://b.ru:8080/")).toEqual(["https://a.ru", "http://b.ru:8080"]);
    expect(parseAllowedOrigins(undefined)).toEqual([]);
    expect(() => parseAllowedOrigins("https://a.ru/path")).toThrow(/MEDK_ALLOWED_ORIGINS/);
    expect(() => parseAllowedOrigins("a.ru")).toThrow(/MEDK_ALLOWED_ORIGINS/);
  });
});
