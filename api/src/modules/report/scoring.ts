// Region scoring as ФИОКО does it («6 из 6 баллов, зелёная зона»). Criteria and zones are data edited per
// programme year; each criterion reads one metric — a share computed from the same region figures the
// monitoring report shows — and earns its points when the share reaches the threshold.
import { Prisma } from "../../db.ts";
import type { FigureRow } from "./sql.ts";
import { SCORING_METRICS, type ScoringMetric } from "./validation.ts";

const { sql } = Prisma;

export type ZoneColor = "GREEN" | "YELLOW" | "RED";

export interface CriterionSetting {
  id: string;
  code: string;
  title: string;
  metric: string;
  threshold: number;
  points: number;
}

export interface ZoneSetting {
  color: ZoneColor;
  minPoints: number;
}

export interface Attendance {
  invited: number;
  attended: number;
}

export interface CriterionResult {
  criterion: CriterionSetting;
  /** The metric's share, null when its denominator is zero (nothing to measure). */
  value: number | null;
  met: boolean;
  points: number;
  explanation: string;
}

export interface Scoring {
  points: number;
  maxPoints: number;
  zone: ZoneColor | null;
  criteria: CriterionResult[];
  summary: string;
}

const ratio = (num: unknown, den: unknown) => (Number(den) > 0 ? Number(num) / Number(den) : null);

/** The share a metric reads from a region's figures (and its webinar attendance). */
export function metricValue(metric: string, r: FigureRow, a: Attendance | undefined): number | null {
  switch (metric as ScoringMetric) {
    case "SHARE_DOCUMENTS_APPROVED":
      return ratio(r.d_approved, r.d_owed);
    case "SHARE_DOCUMENTS_SUBMITTED":
      return ratio(r.d_submitted, r.d_owed);
    case "SHARE_DOCUMENTS_NOT_OVERDUE":
      return ratio(Number(r.d_owed) - Number(r.d_overdue), r.d_owed);
    case "SHARE_ROADMAPS_WITH_MEASURES":
      return ratio(r.m_schools_with_roadmap, r.participants);
    case "SHARE_MEASURES_NOT_OVERDUE":
      return ratio(Number(r.m_measures) - Number(r.m_overdue), r.m_measures);
    case "SHARE_MEASURES_DONE_ON_TIME":
      return ratio(r.m_done_on_time, r.m_due_so_far);
    case "SHARE_INDICATORS_ATTAINED":
      return ratio(r.m_indicators_attained, r.m_with_indicator);
    case "SHARE_PROFILES_VERIFIED":
      return ratio(r.profiles_verified, r.participants);
    case "SHARE_PARTICIPATIONS_WITH_CURATOR":
      return ratio(r.with_curator, r.participants);
    case "SHARE_WEBINAR_ATTENDANCE":
      return a ? ratio(a.attended, a.invited) : null;
    default:
      return null;
  }
}

const ZONE_LABEL: Record<ZoneColor, string> = { GREEN: "зелёная зона", YELLOW: "жёлтая зона", RED: "красная зона" };
export const zoneLabel = (z: ZoneColor | null) => (z ? ZONE_LABEL[z] : "зоны не заданы");

/** 1 балл, 2 балла, 5 баллов. */
export function pointsWord(n: number): string {
  const d = n % 10;
  const h = n % 100;
  if (d === 1 && h !== 11) return "балл";
  if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return "балла";
  return "баллов";
}

/** «из 6 баллов», «из 1 балла», «из 21 балла» (genitive after «из»). */
const ofPoints = (n: number) => `из ${n} ${n % 10 === 1 && n % 100 !== 11 ? "балла" : "баллов"}`;

const percent = (v: number) => `${(Math.round(v * 1000) / 10).toLocaleString("ru-RU")} %`;

/** Applies the year's criteria and zones to one region's figures. */
export function scoreRegion(criteria: CriterionSetting[], zones: ZoneSetting[], row: FigureRow, attendance: Attendance | undefined): Scoring {
  const results = criteria.map((c): CriterionResult => {
    const value = metricValue(c.metric, row, attendance);
    // Shares are compared at 0.01 % precision, as the thresholds are written.
    const met = value != null && Math.round(value * 10_000) >= Math.round(c.threshold * 10_000);
    const points = met ? c.points : 0;
    const shown = value == null ? "нет данных" : `${percent(value)} ${met ? "≥" : "<"} ${percent(c.threshold)}`;
    return { criterion: c, value, met, points, explanation: `${shown} — ${points} ${pointsWord(points)}` };
  });
  const points = results.reduce((s, r) => s + r.points, 0);
  const maxPoints = criteria.reduce((s, c) => s + c.points, 0);
  const zone = [...zones].sort((a, b) => b.minPoints - a.minPoints).find((z) => points >= z.minPoints)?.color ?? null;
  return { points, maxPoints, zone, criteria: results, summary: `${points} ${ofPoints(maxPoints)}, ${zoneLabel(zone)}` };
}

/**
 * Webinar attendance per region and year: invitations (Attendance rows of WEBINAR events of the year)
 * of people who work in the region — by a role in the region, its municipalities or schools, or by
 * their organisation — and how many of them attended.
 */
export function attendanceSql(years: number[], regionIds: string[] | "all"): Prisma.Sql {
  const regions = regionIds === "all" ? sql`TRUE` : sql`ur.region_id = ANY(${regionIds}::uuid[])`;
  return sql`WITH ur AS (
      SELECT ra."userId" AS user_id, COALESCE(ra."regionId", mu."regionId", sm."regionId") AS region_id
      FROM "RoleAssignment" ra
      LEFT JOIN "Municipality" mu ON mu.id = ra."municipalityId"
      LEFT JOIN "School" s ON s.id = ra."schoolId"
      LEFT JOIN "Municipality" sm ON sm.id = s."municipalityId"
      UNION
      SELECT u.id, om."regionId" FROM "User" u JOIN "School" os ON os.id = u."organisationId" JOIN "Municipality" om ON om.id = os."municipalityId")
    SELECT ur.region_id, py.year, count(*)::int AS invited, count(*) FILTER (WHERE a.attended)::int AS attended
    FROM "Attendance" a
    JOIN "Event" e ON e.id = a."eventId"
    JOIN "ProgrammeYear" py ON py.id = e."programmeYearId"
    JOIN ur ON ur.user_id = a."userId"
    WHERE e.kind = 'WEBINAR' AND py.year = ANY(${years}::int[]) AND ur.region_id IS NOT NULL AND ${regions}
    GROUP BY ur.region_id, py.year`;
}

export const metricTitle = (m: string) => SCORING_METRICS[m as ScoringMetric] ?? m;
