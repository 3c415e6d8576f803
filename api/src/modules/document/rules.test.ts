// Pure rules of the document module: safe file names, Content-Disposition, compound-file formats,
// deadlines in the region's time zone, what is owed, and who may review.
import { describe, expect, it } from "vitest";
import type { Reach } from "../../auth/viewer.ts";
import { canReviewDocument } from "../../auth/access.ts";
import { endOfDayIn, isOverdue, owedDocuments } from "./deadline.ts";
import { compoundFileFormat, contentDisposition, documentTitle, extensionOf, sanitizeFileName } from "./validation.ts";

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
    expect(contentDisposition('report "final"; x=1.xlsx', false)).toBe(
      `attachment; filename="report _final_ x=1.xlsx"; filename*=UTF-8''report%20_final_%3B%20x%3D1.xlsx`,
    );
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

describe("deadlines", () => {
  const due = new Date(Date.UTC(2026, 3, 30));
  it("ends at local midnight after the due day", () => {
    expect(endOfDayIn(due, "Asia/Chita").toISOString()).toBe("2026-04-30T15:00:00.000Z");
    expect(endOfDayIn(due, "Europe/Moscow").toISOString()).toBe("2026-04-30T21:00:00.000Z");
    expect(endOfDayIn(due, "Europe/Kaliningrad").toISOString()).toBe("2026-04-30T22:00:00.000Z");
    expect(endOfDayIn(due, "Asia/Kamchatka").toISOString()).toBe("2026-04-30T12:00:00.000Z");
    expect(endOfDayIn(due, "Нет/Такой").toISOString()).toBe("2026-04-30T21:00:00.000Z");
  });

  it("is overdue after the deadline unless submitted or approved", () => {
    const deadline = endOfDayIn(due, "Asia/Chita");
    const before = new Date(deadline.getTime() - 1);
    const after = new Date(deadline.getTime());
    expect(isOverdue(deadline, null, before)).toBe(false);
    expect([null, "DRAFT", "RETURNED", "SUBMITTED", "APPROVED"].map((s) => isOverdue(deadline, s as never, after))).toEqual([true, true, true, false, false]);
  });

  it("owes the concept, the medium-term programme and one anti-risk programme per chosen factor, by number", () => {
    const owed = owedDocuments({
      chosenRiskFactors: [
        { id: "f7", number: 7 },
        { id: "f2", number: 2 },
      ],
      documents: [
        { kind: "ANTI_RISK_PROGRAMME", riskFactorId: "f7", n: 1 },
        { kind: "CONCEPT", riskFactorId: null, n: 2 },
        { kind: "ROADMAP_ATTACHMENT", riskFactorId: null, n: 3 },
        { kind: "ANTI_RISK_PROGRAMME", riskFactorId: "f9", n: 4 },
      ],
    });
    expect(owed.map((o) => [o.kind, o.riskFactorId, o.document?.n ?? null])).toEqual([
      ["CONCEPT", null, 2],
      ["MEDIUM_TERM_PROGRAMME", null, null],
      ["ANTI_RISK_PROGRAMME", "f2", null],
      ["ANTI_RISK_PROGRAMME", "f7", 1],
    ]);
  });

  it("names documents as users know them", () => {
    expect(documentTitle("ANTI_RISK_PROGRAMME", "Дефицит педагогических кадров")).toBe("Программа антирисковых мер «Дефицит педагогических кадров»");
    expect(documentTitle("MEDIUM_TERM_PROGRAMME")).toBe("Среднесрочная программа развития");
  });
});

describe("canReviewDocument", () => {
  const reach = (p: Partial<Reach> = {}): Reach => ({
    all: false,
    regionIds: new Set(),
    municipalityIds: new Set(),
    schoolIds: new Set(),
    allMunicipalityIds: new Set(),
    allSchoolIds: new Set(),
    curatedParticipationIds: new Set(),
    curatedSchoolIds: new Set(),
    contextRegionIds: new Set(),
    contextMunicipalityIds: new Set(),
    ...p,
  });
  const doc = { participationId: "p1", municipalityId: "m1", coordinatorsMayReview: false };

  it("lets the assigned curator decide, and nobody else by default", () => {
    expect(canReviewDocument(reach({ curatedParticipationIds: new Set(["p1"]) }), doc)).toBe(true);
    expect(canReviewDocument(reach({ curatedParticipationIds: new Set(["p2"]) }), doc)).toBe(false);
    expect(canReviewDocument(reach({ all: true }), doc)).toBe(false);
    expect(canReviewDocument(reach({ allMunicipalityIds: new Set(["m1"]) }), doc)).toBe(false);
  });

  it("lets coordinators above the school decide when the year allows it, but not the school itself", () => {
    const open = { ...doc, coordinatorsMayReview: true };
    expect(canReviewDocument(reach({ all: true }), open)).toBe(true);
    expect(canReviewDocument(reach({ allMunicipalityIds: new Set(["m1"]) }), open)).toBe(true);
    expect(canReviewDocument(reach({ allMunicipalityIds: new Set(["m2"]) }), open)).toBe(false);
    expect(canReviewDocument(reach({ schoolIds: new Set(["s1"]), allSchoolIds: new Set(["s1"]), contextMunicipalityIds: new Set(["m1"]) }), open)).toBe(false);
  });
});
