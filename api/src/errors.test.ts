import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, getNamedType, type GraphQLEnumType, type GraphQLInterfaceType } from "graphql";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "./errors.ts";

const schema = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("error codes", () => {
  it("the ErrorCode enum of schema.graphql is the registry, each value described in Russian", () => {
    const type = schema.getType("ErrorCode") as GraphQLEnumType;
    expect(type.getValues().map((v) => v.name)).toEqual(Object.keys(ERROR_CODES).sort());
    for (const v of type.getValues()) expect(v.description, v.name).toMatch(/[а-яё]/i);
    const iface = schema.getType("Error") as GraphQLInterfaceType;
    expect(getNamedType(iface.getFields().code!.type).name).toBe("ErrorCode");
  });

  it("no module mints its own fail() or requireViewer() copy, nor asserts ctx.viewer!", () => {
    const copies = sources(new URL("./modules", import.meta.url).pathname).filter((f) => /const (fail|requireViewer)\s*=|if \(!ctx\.viewer\) throw|ctx\.viewer!/.test(readFileSync(f, "utf8")));
    expect(copies).toEqual([]);
  });
});
