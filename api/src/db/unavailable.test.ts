import { describe, expect, it } from "vitest";
import { GraphQLError } from "graphql";
import { isDatabaseUnavailable } from "./unavailable.ts";

describe("database-unavailable detection", () => {
  it("recognises a lost or unreachable server however it is wrapped", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new GraphQLError("Unexpected", { originalError: new Error("Connection terminated unexpectedly") }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "P1001" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { cause: { kind: "ConnectionClosed" } }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("the database system is in recovery mode"), { code: "57P03" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { meta: { driverAdapterError: { cause: { kind: "postgres", code: "57P01" } } } }))).toBe(true);
  });

  it("leaves other failures to the usual masking", () => {
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("Unique constraint"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { cause: { kind: "postgres", code: "23505" } }))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
