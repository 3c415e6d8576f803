import { describe, expect, it } from "vitest";
import { diffPlans, isEmptyDiff, type PlannedMeasure } from "./plan-diff.ts";

const m = (id: string, position: number, extra: Partial<PlannedMeasure> = {}): PlannedMeasure => ({
  measureId: id,
  position,
  title: `Мероприятие ${id}`,
  description: null,
  startDate: null,
  dueDate: "2026-09-30",
  periodLabel: null,
  responsible: ["Директор"],
  riskFactorId: null,
  indicatorName: null,
  indicatorUnit: null,
  baselineValue: null,
  targetValue: null,
  ...extra,
});

describe("the difference between two plans", () => {
  it("an unchanged plan has no difference", () => {
    expect(isEmptyDiff(diffPlans([m("a", 1), m("b", 2)], [m("a", 1), m("b", 2)]))).toBe(true);
  });
  it("names added, removed and changed measures, field by field", () => {
    const d = diffPlans([m("a", 1), m("b", 2)], [m("a", 1, { dueDate: "2026-10-15", responsible: ["Директор", "Завуч"] }), m("c", 2)]);
    expect(d.added.map((x) => x.measureId)).toEqual(["c"]);
    expect(d.removed.map((x) => x.measureId)).toEqual(["b"]);
    expect(d.changed).toEqual([
      {
        measureId: "a",
        title: "Мероприятие a",
        fields: [
          { field: "dueDate", label: "Срок выполнения", before: "2026-09-30", after: "2026-10-15" },
          { field: "responsible", label: "Ответственные", before: "Директор", after: "Директор, Завуч" },
        ],
      },
    ]);
  });
  it("renumbering after a removal is not a change, swapping two measures is", () => {
    expect(diffPlans([m("a", 1), m("b", 2), m("c", 3)], [m("b", 1), m("c", 2)]).changed).toEqual([]);
    const swapped = diffPlans([m("a", 1), m("b", 2)], [m("b", 1), m("a", 2)]);
    expect(swapped.changed.map((c) => [c.measureId, c.fields.map((f) => f.field)])).toEqual([
      ["b", ["position"]],
      ["a", ["position"]],
    ]);
  });
});
