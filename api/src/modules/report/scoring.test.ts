import { describe, expect, it } from "vitest";
import { metricValue, pointsWord, scoreRegion, type CriterionSetting } from "./scoring.ts";
import type { FigureRow } from "./sql.ts";

const row = (figures: Record<string, number>) =>
  ({ year: 2026, region_id: "r", municipality_id: null, school_id: null, curator_id: null, group_name: "Регион", group_code: 75, ...figures }) as FigureRow;
const criterion = (code: string, metric: string, threshold: number, points = 1): CriterionSetting => ({ id: code, code, title: code, metric, threshold, points });
const ZONES = [
  { color: "GREEN" as const, minPoints: 5 },
  { color: "YELLOW" as const, minPoints: 3 },
  { color: "RED" as const, minPoints: 0 },
];

describe("region scoring", () => {
  it("six criteria met give «6 из 6 баллов, зелёная зона»", () => {
    const criteria = ["A", "B", "C", "D", "E", "F"].map((c) => criterion(c, "SHARE_PARTICIPATIONS_WITH_CURATOR", 0.5));
    const s = scoreRegion(criteria, ZONES, row({ with_curator: 9, participants: 10 }), undefined);
    expect([s.points, s.maxPoints, s.zone, s.summary]).toEqual([6, 6, "GREEN", "6 из 6 баллов, зелёная зона"]);
  });

  it("a share exactly at the threshold earns the points; just below does not", () => {
    const c = [criterion("DOCS", "SHARE_DOCUMENTS_APPROVED", 0.9, 2)];
    expect(scoreRegion(c, ZONES, row({ d_approved: 9, d_owed: 10 }), undefined).criteria[0]).toMatchObject({ met: true, points: 2, explanation: "90 % ≥ 90 % — 2 балла" });
    expect(scoreRegion(c, ZONES, row({ d_approved: 8999, d_owed: 10000 }), undefined).criteria[0]).toMatchObject({ met: false, points: 0 });
  });

  it("a metric with nothing to measure earns nothing and says so", () => {
    const s = scoreRegion([criterion("NO_OVERDUE", "SHARE_MEASURES_NOT_OVERDUE", 0.95)], ZONES, row({ m_measures: 0, m_overdue: 0 }), undefined);
    expect(s.criteria[0]).toMatchObject({ value: null, met: false, explanation: "нет данных — 0 баллов" });
    expect(s.zone).toBe("RED");
  });

  it("the zone is the one with the highest threshold the points reach; without zones there is none", () => {
    const c = ["A", "B", "C"].map((x) => criterion(x, "SHARE_PROFILES_VERIFIED", 0.1));
    expect(scoreRegion(c, ZONES, row({ profiles_verified: 5, participants: 10 }), undefined).zone).toBe("YELLOW");
    expect(scoreRegion(c, [], row({ profiles_verified: 5, participants: 10 }), undefined).summary).toBe("3 из 3 баллов, зоны не заданы");
  });

  it("webinar attendance is read from the region's invitations", () => {
    expect(metricValue("SHARE_WEBINAR_ATTENDANCE", row({}), { invited: 12, attended: 9 })).toBe(0.75);
    expect(metricValue("SHARE_WEBINAR_ATTENDANCE", row({}), undefined)).toBeNull();
  });

  it("writes points in Russian: 1 балл, 2 балла, 5 баллов, 11 баллов, 21 балл", () => {
    expect([1, 2, 5, 11, 21, 22, 112].map((n) => `${n} ${pointsWord(n)}`)).toEqual(["1 балл", "2 балла", "5 баллов", "11 баллов", "21 балл", "22 балла", "112 баллов"]);
    const one = scoreRegion([criterion("A", "SHARE_PROFILES_VERIFIED", 0.1)], [], row({ profiles_verified: 1, participants: 1 }), undefined);
    expect(one.summary).toBe("1 из 1 балла, зоны не заданы");
  });
});
