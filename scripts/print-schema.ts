// Prints the Pothos schema to schema.graphql (committed; a test fails when it is stale).
import { writeFileSync } from "node:fs";
import { printSchema, lexicographicSortSchema } from "graphql";
import { schema } from "../api/src/schema.ts";

export const printedSchema = () => printSchema(lexicographicSortSchema(schema)) + "\n";
if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL("../schema.graphql", import.meta.url), printedSchema());
  console.log("schema.graphql written");
}
