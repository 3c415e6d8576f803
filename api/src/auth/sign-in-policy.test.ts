import { describe, expect, it } from "vitest";
import { requiredWaitMs, waitText } from "./sign-in-policy.ts";

const p = { delayMs: 2000, maxDelayMs: 300_000 };
const now = 1_000_000_000;
const at = (msAgo: number) => new Date(now - msAgo);

describe("progressive sign-in delay", () => {
  it("lets the free failures through without waiting", () => {
    expect(requiredWaitMs(0, null, 3, now, p)).toBe(0);
    expect(requiredWaitMs(2, at(0), 3, now, p)).toBe(0);
  });

  it("doubles the delay with each failure past the free ones, counted from the last failure", () => {
    expect(requiredWaitMs(3, at(0), 3, now, p)).toBe(2000);
    expect(requiredWaitMs(4, at(0), 3, now, p)).toBe(4000);
    expect(requiredWaitMs(5, at(1000), 3, now, p)).toBe(7000);
  });

  it("never waits longer than the maximum, however many failures", () => {
    expect(requiredWaitMs(1000, at(0), 3, now, p)).toBe(300_000);
  });

  it("with no free failures, one failure is enough to wait", () => {
    expect(requiredWaitMs(1, at(0), 0, now, p)).toBe(4000);
    expect(requiredWaitMs(0, null, 0, now, p)).toBe(0);
  });

  it("says the wait in seconds or minutes", () => {
    expect(waitText(1)).toBe("1 с");
    expect(waitText(8000)).toBe("8 с");
    expect(waitText(300_000)).toBe("5 мин");
  });
});
