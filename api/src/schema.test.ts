import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printedSchema } from "../../scripts/print-schema.ts";

describe("schema.graphql", () => {
  it("is the printed Pothos schema (run `pnpm generate` when this fails)", () => {
    const committed = readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8");
    expect(committed === printedSchema(), "schema.graphql is stale: run `pnpm generate` and commit it").toBe(true);
  });
});
