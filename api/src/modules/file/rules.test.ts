// Pure rules of the file module: safe file names, Content-Disposition, compound-file formats, ETags.
import { describe, expect, it } from "vitest";
import { compoundFileFormat } from "./content.ts";
import { etagMatches } from "./download.ts";
import { contentDisposition, extensionOf, sanitizeFileName } from "./names.ts";

describe("sanitizeFileName", () => {
  it.each([
    ["Концепция развития.pdf", "Концепция развития.pdf"],
    ["../../etc/passwd.pdf", "passwd.pdf"],
    ["C:\\Users\\Директор\\План.docx", "План.docx"],
    ["a\u0000b\u001fc\u202Ed.pdf", "abcd.pdf"],
    ["   ..hidden.pdf ", "hidden.pdf"],
    ["отчёт?:*<>|.xlsx", "отчёт______.xlsx"],
    ["", "документ"],
    ["/", "документ"],
    ["И\u0306ошкар-Ола.pdf", "Йошкар-Ола.pdf"],
  ])("%j → %j", (raw, safe) => expect(sanitizeFileName(raw)).toBe(safe));

  it("cuts long names to 180 characters and keeps the extension", () => {
    const name = sanitizeFileName(`${"Очень длинное название ".repeat(20)}.docx`);
    expect(name.length).toBeLessThanOrEqual(180);
    expect(extensionOf(name)).toBe("docx");
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name", () => {
    const cd = contentDisposition("Концепция «Школа» (v2).pdf", true);
    expect(cd).toMatch(/^inline; filename="[\x20-\x7e]*"; filename\*=UTF-8''/);
    expect(cd).not.toMatch(/[^\x20-\x7e]/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe("Концепция «Школа» (v2).pdf");
    expect(cd).toContain('filename="Kontseptsiya Shkola (v2).pdf"');
    expect(contentDisposition("字.pdf", false)).toContain('filename="document.pdf"');
  });

  it("keeps a Latin name readable and cannot break out of the quotes", () => {
    expect(contentDisposition('report "final"; x=1.xlsx', false)).toBe(`attachment; filename="report _final_ x=1.xlsx"; filename*=UTF-8''report%20_final_%3B%20x%3D1.xlsx`);
  });
});

describe("compoundFileFormat", () => {
  const cfb = (name: string) => {
    const b = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
    Buffer.from(name, "utf16le").copy(b, 600);
    return new Uint8Array(b);
  };
  it("tells Word from Excel by the main stream's name, and refuses others", () => {
    expect(compoundFileFormat(cfb("WordDocument"))).toBe("doc");
    expect(compoundFileFormat(cfb("Workbook"))).toBe("xls");
    expect(compoundFileFormat(cfb("PowerPoint Document"))).toBeNull();
    expect(compoundFileFormat(new Uint8Array(Buffer.from("WordDocument", "utf16le")))).toBeNull();
  });
});

describe("etagMatches", () => {
  it("matches a strong, weak, listed or wildcard tag and nothing else", () => {
    const etag = '"abc"';
    expect(etagMatches('"abc"', etag)).toBe(true);
    expect(etagMatches('W/"abc"', etag)).toBe(true);
    expect(etagMatches('"x", "abc"', etag)).toBe(true);
    expect(etagMatches("*", etag)).toBe(true);
    expect(etagMatches('"abcd"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});
