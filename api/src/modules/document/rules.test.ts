// Pure rules of the document module: deadlines in the region's time zone, what is owed, and who may review.
import { describe, expect, it } from "vitest";
import type { Reach } from "../../auth/viewer.ts";
import { canReviewDocument } from "../../auth/access.ts";
import { endOfDayIn, isOverdue, owedDocuments } from "./deadline.ts";
import { documentTitle } from "./validation.ts";

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
