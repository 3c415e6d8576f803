// The survey results import, a kind of the registry import (same preview storage, stale check, apply in
// one transaction, web page). The file is what the federal questionnaire platform exports: one row per
// school and question — «ИНН», «Наименование» (optional, for people), «Группа респондентов», «Код вопроса»,
// «Значение» (the share of the group's answers pointing to the risk: 0..1, or a percent with «%»).
// Applying writes the new and changed answers and recomputes the profiles of the schools they belong to.
import type { Viewer } from "../../auth/viewer.ts";
import { findColumns } from "../registry/schools.ts";
import { validInn } from "../registry/checksums.ts";
import { chunk, rejectDuplicates, type ImportKind, type Judged, type Problem } from "../registry/kinds.ts";
import { groupOfCode, normCode, parseGroup, percent, RESPONDENT_GROUPS, type RespondentGroup } from "./significance.ts";
import { recomputeProfiles } from "./compute.ts";

/** 5,000 schools × ~40 questions of the four questionnaires fit; more is split into several files. */
export const SURVEY_MAX_ROWS = 250_000;

export interface SurveyRow {
  inn: string;
  group: RespondentGroup | null;
  code: string;
  value: number | null;
  /** Filled in by judge. */
  schoolName?: string;
  participationId?: string;
  /** What the row says, in words (shown on the preview). */
  note?: string;
}

const COLUMNS = {
  inn: { re: /^инн/, title: "ИНН" },
  name: { re: /наименование|школа/, title: "Наименование" },
  group: { re: /групп|респондент/, title: "Группа респондентов" },
  code: { re: /код.*вопрос|^вопрос/, title: "Код вопроса" },
  value: { re: /значени|доля|результат/, title: "Значение" },
} as const;

/** «0,62», «0.62», «62 %» → 0.62 (four decimals, as stored); null when it is not a number. */
export function parseShare(raw: string): number | null {
  const s = raw.replace(/\s/g, "").replace(",", ".");
  const pct = s.endsWith("%");
  const body = pct ? s.slice(0, -1) : s;
  if (!/^-?\d+(\.\d+)?$/.test(body)) return null;
  const v = Number(body) / (pct ? 100 : 1);
  return Math.round(v * 10_000) / 10_000;
}

export const surveyKind: ImportKind<SurveyRow> & { maxRows: number } = {
  kind: "SURVEY",
  maxRows: SURVEY_MAX_ROWS,
  read(table) {
    const { at, header } = findColumns(table, COLUMNS, ["inn", "group", "code", "value"]);
    return table.rows.map((r) => {
      const cell = (k: keyof typeof COLUMNS) => (at[k] >= 0 ? (r.cells[at[k]] ?? "").trim() : "");
      const problems: Problem[] = [];
      const inn = cell("inn").replace(/\s/g, "");
      if (!inn) problems.push({ column: header("inn"), message: "Не заполнено" });
      else if (!validInn(inn)) problems.push({ column: header("inn"), message: /^\d{10}$/.test(inn) ? "Неверная контрольная цифра ИНН" : "ИНН организации — 10 цифр" });
      const groupText = cell("group");
      const group = parseGroup(groupText);
      if (!groupText) problems.push({ column: header("group"), message: "Не заполнено" });
      else if (!group) problems.push({ column: header("group"), message: `Неизвестная группа респондентов «${groupText.slice(0, 60)}»: руководители, учителя, обучающиеся или родители` });
      const code = normCode(cell("code"));
      const codeGroup = groupOfCode(code);
      if (!code) problems.push({ column: header("code"), message: "Не заполнено" });
      else if (!codeGroup) problems.push({ column: header("code"), message: `Код вопроса «${code.slice(0, 40)}» не похож на код анкеты (РУК-11, УЧ-31, ОБУЧ-09, РОД-06)` });
      else if (group && codeGroup !== group)
        problems.push({ column: header("group"), message: `Вопрос ${code} — из анкеты ${RESPONDENT_GROUPS[codeGroup].of}, а в строке указаны ${RESPONDENT_GROUPS[group].title}` });
      const valueText = cell("value");
      const value = parseShare(valueText);
      if (!valueText) problems.push({ column: header("value"), message: "Не заполнено" });
      else if (value == null) problems.push({ column: header("value"), message: `«${valueText.slice(0, 40)}» — не число` });
      else if (value < 0 || value > 1) problems.push({ column: header("value"), message: "Значение вне диапазона: доля от 0 до 1 (или процент от 0 % до 100 %)" });
      return { rowNumber: r.rowNumber, data: { inn, group, code, value }, problems };
    });
  },

  async judge(db, scope, rows) {
    rejectDuplicates(rows, (d) => `${d.inn}|${d.code}`, "Код вопроса", "Ответ школы на этот вопрос");
    const year = await db.programmeYear.findUniqueOrThrow({ where: { id: scope.programmeYearId! }, select: { year: true, significanceRules: { select: { questionCodes: true } } } });
    const known = new Set(year.significanceRules.flatMap((r) => r.questionCodes));
    const inns = [...new Set(rows.filter((r) => !r.problems.length).map((r) => r.data.inn))];
    const schools = new Map<string, { id: string; shortName: string; regionId: string; regionName: string; participationId: string | null }>();
    for (const part of chunk(inns, 5000)) {
      const found = await db.school.findMany({
        where: { inn: { in: part } },
        select: {
          id: true,
          inn: true,
          shortName: true,
          municipality: { select: { region: { select: { id: true, name: true } } } },
          participations: { where: { programmeYearId: scope.programmeYearId! }, select: { id: true } },
        },
      });
      for (const s of found)
        schools.set(s.inn!, { id: s.id, shortName: s.shortName, regionId: s.municipality.region.id, regionName: s.municipality.region.name, participationId: s.participations[0]?.id ?? null });
    }
    const participationIds = [...new Set([...schools.values()].map((s) => s.participationId).filter((x): x is string => !!x))];
    const stored = new Map<string, number>();
    for (const part of chunk(participationIds, 5000)) {
      const a = await db.$queryRaw<{ p: string; c: string; v: number }[]>`
        SELECT "participationId" AS p, "questionCode" AS c, "value"::float8 AS v FROM "SurveyAnswer" WHERE "participationId" = ANY(${part}::uuid[])`;
      for (const x of a) stored.set(`${x.p}|${x.c}`, x.v);
    }
    return rows.map((r): Judged<SurveyRow> => {
      const base = { rowNumber: r.rowNumber, data: r.data, targetId: null, changes: null, problems: r.problems };
      if (r.problems.length) return { ...base, outcome: "REJECTED" };
      const reject = (column: string, message: string, data = r.data): Judged<SurveyRow> => ({ ...base, data, outcome: "REJECTED", problems: [{ column, message }] });
      const s = schools.get(r.data.inn);
      if (!s) return reject("ИНН", "Школы с таким ИНН нет в реестре");
      const data = { ...r.data, schoolName: s.shortName };
      if (scope.regionId && s.regionId !== scope.regionId) return reject("ИНН", `${s.shortName} — школа другого субъекта (${s.regionName}): загружайте результаты школ своего субъекта`, data);
      if (!s.participationId) return reject("ИНН", `${s.shortName} не участвует в проекте в ${year.year} году`, data);
      if (!known.has(r.data.code)) return reject("Код вопроса", `Вопроса ${r.data.code} нет в правилах значимости ${year.year} года: его ответ ни на что не влияет`, data);
      const withTarget = { ...data, participationId: s.participationId, note: `Вопрос ${r.data.code} (${RESPONDENT_GROUPS[r.data.group!].title}) — ${percent(r.data.value!)}` };
      const before = stored.get(`${s.participationId}|${r.data.code}`);
      if (before == null) return { ...base, data: withTarget, targetId: s.participationId, outcome: "NEW" };
      if (before === r.data.value) return { ...base, data: withTarget, targetId: s.participationId, outcome: "UNCHANGED" };
      return { ...base, data: withTarget, targetId: s.participationId, outcome: "CHANGED", changes: { value: [before, r.data.value] } };
    });
  },

  async apply(tx, viewer: Viewer, scope, rows) {
    const answers = rows.map((r) => ({ p: r.targetId!, c: r.data.code, v: r.data.value! }));
    for (const part of chunk(answers, 5000))
      await tx.$executeRaw`
        INSERT INTO "SurveyAnswer" ("participationId", "questionCode", "value", "updatedAt")
        SELECT t.p, t.c, t.v, now() FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS t(p uuid, c text, v numeric)
        ON CONFLICT ("participationId", "questionCode") DO UPDATE SET "value" = EXCLUDED."value", "updatedAt" = now()`;
    const participations = [...new Set(answers.map((a) => a.p))];
    const result = await recomputeProfiles(tx, viewer.id, scope.programmeYearId!, participations);
    return {
      invitations: [],
      after: result.publish,
      profiles: { created: result.created, levelChanged: result.levelChanged, refreshed: result.refreshed },
    };
  },
};
