// The plan of a roadmap as a list of plain values (what a version keeps), and the difference between
// two plans: measures added, removed (deleted or cancelled) and changed, field by field. Pure: the
// service stores plans, the schema shows differences, the tests check the rules without a database.

/** One measure's plan in a version (progress — actual value, status other than cancelled — is not the plan). */
export interface PlannedMeasure {
  measureId: string;
  position: number;
  title: string;
  description: string | null;
  startDate: string | null;
  dueDate: string | null;
  periodLabel: string | null;
  responsible: string[];
  riskFactorId: string | null;
  indicatorName: string | null;
  indicatorUnit: string | null;
  baselineValue: string | null;
  targetValue: string | null;
}

/** The fields of a plan that count as its content, with their Russian names. */
export const PLAN_FIELDS: Record<Exclude<keyof PlannedMeasure, "measureId">, string> = {
  position: "№",
  title: "Описание действий",
  description: "Подробности",
  startDate: "Дата начала",
  dueDate: "Срок выполнения",
  periodLabel: "Срок словами",
  responsible: "Ответственные",
  riskFactorId: "Фактор риска",
  indicatorName: "Показатель",
  indicatorUnit: "Единица измерения",
  baselineValue: "Базовое значение",
  targetValue: "Целевое значение",
};

export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface MeasureChange {
  measureId: string;
  title: string;
  fields: FieldChange[];
}

export interface PlanDiff {
  added: PlannedMeasure[];
  removed: PlannedMeasure[];
  changed: MeasureChange[];
}

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
const dec = (v: { toString(): string } | null | undefined) => (v == null ? null : String(Number(String(v))));

/** A measure row as the plan of a version (cancelled measures are not part of the plan). */
export function plannedMeasure(m: {
  id: string;
  position: number;
  title: string;
  description: string | null;
  startDate: Date | null;
  dueDate: Date | null;
  periodLabel: string | null;
  responsible: string[];
  riskFactorId: string | null;
  indicatorName: string | null;
  indicatorUnit: string | null;
  baselineValue: { toString(): string } | null;
  targetValue: { toString(): string } | null;
}): PlannedMeasure {
  return {
    measureId: m.id,
    position: m.position,
    title: m.title,
    description: m.description,
    startDate: day(m.startDate),
    dueDate: day(m.dueDate),
    periodLabel: m.periodLabel,
    responsible: m.responsible,
    riskFactorId: m.riskFactorId,
    indicatorName: m.indicatorName,
    indicatorUnit: m.indicatorUnit,
    baselineValue: dec(m.baselineValue),
    targetValue: dec(m.targetValue),
  };
}

const shown = (v: unknown): string | null => (v == null ? null : Array.isArray(v) ? v.join(", ") || null : String(v));

/**
 * What changed from `before` to `after`: measures only in `after` are added, only in `before` removed,
 * in both with a different value of any plan field changed (the fields listed with before and after).
 * A pure renumbering after an added or removed measure is not reported as a change of the others.
 */
export function diffPlans(before: PlannedMeasure[], after: PlannedMeasure[]): PlanDiff {
  const old = new Map(before.map((m) => [m.measureId, m]));
  const now = new Map(after.map((m) => [m.measureId, m]));
  const added = after.filter((m) => !old.has(m.measureId));
  const removed = before.filter((m) => !now.has(m.measureId));
  // Relative order of the measures present in both: a position change counts only if that order changed.
  const keptBefore = before.filter((m) => now.has(m.measureId)).map((m) => m.measureId);
  const keptAfter = after.filter((m) => old.has(m.measureId)).map((m) => m.measureId);
  const reordered = new Set(keptAfter.filter((id, i) => keptBefore[i] !== id));
  const changed: MeasureChange[] = [];
  for (const a of after) {
    const b = old.get(a.measureId);
    if (!b) continue;
    const fields: FieldChange[] = [];
    for (const [field, label] of Object.entries(PLAN_FIELDS) as [keyof typeof PLAN_FIELDS, string][]) {
      if (field === "position" && !reordered.has(a.measureId)) continue;
      if (JSON.stringify(b[field] ?? null) !== JSON.stringify(a[field] ?? null)) fields.push({ field, label, before: shown(b[field]), after: shown(a[field]) });
    }
    if (fields.length) changed.push({ measureId: a.measureId, title: a.title, fields });
  }
  return { added, removed, changed };
}

export const isEmptyDiff = (d: PlanDiff) => !d.added.length && !d.removed.length && !d.changed.length;
