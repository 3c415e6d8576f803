import { beforeAll, describe, expect, it } from "vitest";
import { config } from "../config.ts";

let device: typeof import("./device.ts");
beforeAll(async () => {
  process.env.SIGNIN_DEVICE_SECRET = "unit-test-secret";
  device = await import("./device.ts");
});

const USER = "3f1c0f8e-2d6a-4c1e-9a57-0c9b8a7e6d5f";

describe("known-device tokens", () => {
  it("a token issued for a user is a known device of that user only", () => {
    const t = device.issueDeviceToken(USER);
    expect(device.knownDeviceId(t, USER)).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(device.knownDeviceId(t, "00000000-0000-0000-0000-000000000000")).toBeNull();
  });

  it("a tampered, truncated or oversized token is not", () => {
    const t = device.issueDeviceToken(USER);
    const [u, issued, nonce, mac] = t.split(".");
    expect(device.knownDeviceId(`${u}.${issued}.${nonce}x.${mac}`, USER)).toBeNull();
    expect(device.knownDeviceId(`${u}.${(parseInt(issued!, 36) + 1).toString(36)}.${nonce}.${mac}`, USER)).toBeNull();
    expect(device.knownDeviceId(t.slice(0, -1), USER)).toBeNull();
    expect(device.knownDeviceId(`${t}.${"a".repeat(300)}`, USER)).toBeNull();
    expect(device.knownDeviceId(null, USER)).toBeNull();
  });

  it("a token older than SIGNIN_DEVICE_DAYS is not", () => {
    const old = device.issueDeviceToken(USER, Date.now() - config.signInDeviceTtlMs - 60_000);
    expect(device.knownDeviceId(old, USER)).toBeNull();
  });

  it("reads the cookie among others", () => {
    expect(device.readCookie("a=1; medk_device=x.y.z.w; b=2", device.DEVICE_COOKIE)).toBe("x.y.z.w");
    expect(device.readCookie("a=1", device.DEVICE_COOKIE)).toBeNull();
  });
});
