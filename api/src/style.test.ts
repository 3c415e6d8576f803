// House rule (STYLE.md, issue 20): no source file passes ~400 lines — split it into cohesive modules or
// components first. This test holds the rule for api/src and web/src from now on. Generated files are
// the ones .gitattributes marks `linguist-generated` (web/src/graphql-env.d.ts), so the list of what is
// machine-written stays in one place.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../", import.meta.url).pathname;
const MAX_LINES = 400;
const SOURCE = /\.(ts|js|svelte|css)$/;

/** Paths and `dir/**` patterns .gitattributes marks as generated. */
function generatedPatterns(): string[] {
  return readFileSync(join(ROOT, ".gitattributes"), "utf8")
    .split("\n")
    .filter((line) => !line.startsWith("#") && /\blinguist-generated=true\b/.test(line))
    .map((line) => line.split(/\s+/)[0]!);
}

const isGenerated = (path: string, patterns: string[]) => patterns.some((p) => (p.endsWith("/**") ? path.startsWith(p.slice(0, -2)) : path === p));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : sourceFiles(path);
    return SOURCE.test(e.name) ? [path] : [];
  });
}

const lineCount = (path: string) => readFileSync(join(ROOT, path), "utf8").split("\n").length - 1;

describe("file size", () => {
  it(`no source file under api/src or web/src passes ${MAX_LINES} lines`, () => {
    const generated = generatedPatterns();
    const files = [...sourceFiles("api/src"), ...sourceFiles("web/src")].filter((f) => !isGenerated(f, generated));
    // The walk must see the tree, or the rule would pass on nothing.
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("api/src/auth/access.ts");
    expect(files).not.toContain("web/src/graphql-env.d.ts");
    const tooLong = files.map((file) => ({ file, lines: lineCount(file) })).filter((f) => f.lines > MAX_LINES);
    expect(tooLong).toEqual([]);
  });
});
