// Any report as CSV or XLSX, downloaded from `/files/reports/<report>.<csv|xlsx>?q=…`. The URL carries
// only the report's arguments (compressed, export-request.ts); the download re-runs the report with the
// requester's own reach, so a URL passed to someone else shows them their own figures, never the sender's.
// The tables are built in export-tables.ts, the files written in export-format.ts.
import type { DB } from "../../db.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { KIND_TITLE } from "../document/validation.ts";
import { toReportFilter } from "./service.ts";
import type { ReportFilter } from "./sql.ts";
import { REPORT_TITLE, type ExportFormat, type ExportRequest } from "./export-request.ts";
import { MEASURE_LABEL, PARTICIPATION_LABEL, SIGNIFICANCE_LABEL, stateLabel, tables } from "./export-tables.ts";
import { clockOf, ruDate, ruDateTime, toCsv, toXlsx, type Clock } from "./export-format.ts";

export { checkColumns, checkOrder, ExportInputError, exportPath, KIND_OF_SLUG, parseExportQuery, type ExportFormat, type ExportKind, type ExportRequest, type ScreenColumn } from "./export-request.ts";
export { clockOf, toCsv, type Clock } from "./export-format.ts";

// ---------------------------------------------------------------- the filter, in words

async function filterLines(db: DB, viewer: Viewer, req: ExportRequest, f: ReportFilter, now: Date, place: { territory: string }, clock: Clock): Promise<[string, string][]> {
  const [regions, municipalities, schools, curators] = await Promise.all([
    f.regionIds.length || f.regionCodes.length
      ? db.region.findMany({ where: { OR: [{ id: { in: f.regionIds } }, { code: { in: f.regionCodes } }] }, select: { name: true }, orderBy: { code: "asc" } })
      : [],
    f.municipalityIds.length ? db.municipality.findMany({ where: { id: { in: f.municipalityIds } }, select: { name: true }, orderBy: { name: "asc" } }) : [],
    f.schoolIds.length ? db.school.findMany({ where: { id: { in: f.schoolIds } }, select: { shortName: true }, orderBy: { shortName: "asc" } }) : [],
    f.curatorIds.length ? db.user.findMany({ where: { id: { in: f.curatorIds } }, select: { fullName: true }, orderBy: { fullName: "asc" } }) : [],
  ]);
  const lines: [string, string][] = [
    ["Отчёт", REPORT_TITLE[req.report]],
    ["Годы проекта", f.years.join(", ")],
    ["Территория", place.territory],
  ];
  const add = (label: string, items: string[]) => items.length && lines.push([label, items.join("; ")]);
  add(
    "Субъекты РФ",
    regions.map((r) => r.name),
  );
  add(
    "Муниципалитеты",
    municipalities.map((m) => m.name),
  );
  add(
    "Школы",
    schools.map((s) => s.shortName),
  );
  add(
    "Кураторы",
    curators.map((c) => c.fullName),
  );
  add(
    "Статусы участия",
    f.participationStatuses.map((s) => PARTICIPATION_LABEL[s]),
  );
  add("Факторы риска (№)", f.riskFactorNumbers.map(String));
  if (f.inactiveForDays != null) lines.push(["Без активности, дней", `не меньше ${f.inactiveForDays}`]);
  if (f.from || f.to) lines.push(["Период", `${f.from ? ruDate(f.from) : "…"} — ${f.to ? ruDate(f.to) : "…"}`]);
  add(
    "Виды документов",
    f.documentKinds.map((k) => KIND_TITLE[k]),
  );
  add("Состояния документов", f.documentStates.map(stateLabel));
  add(
    "Статусы мероприятий",
    f.measureStatuses.map((s) => MEASURE_LABEL[s]),
  );
  add(
    "Значимость факторов",
    f.significances.map((s) => SIGNIFICANCE_LABEL[s]),
  );
  if (f.overdueOnly) lines.push(["Только просроченные", "да"]);
  if (req.report === "MONITORING") lines.push(["Без активности считается", `${req.inactiveDays} дней и больше`]);
  lines.push(["Показатели", req.columns ? "как на экране" : "все показатели"]);
  if (req.order) lines.push(["Сортировка", `${req.order.value}${req.order.desc ? " (по убыванию)" : ""}`]);
  lines.push(["Сформирован", `${ruDateTime(now, clock)} (${clock.label})`], ["Пользователь", `${viewer.fullName} <${viewer.email}>`]);
  return lines;
}

/**
 * Where the viewer works, in words, for the «Территория» line, and its one region's time zone (if it has
 * exactly one region). Two small queries.
 */
async function viewerPlace(db: DB, viewer: Viewer): Promise<{ territory: string; timeZone: string | null }> {
  if (viewer.read.all) return { territory: "Все субъекты РФ", timeZone: null };
  const roles = viewer.roles;
  const [regions, municipalities, schools] = await Promise.all([
    db.region.findMany({
      where: { id: { in: [...new Set([...roles.flatMap((r) => (r.regionId ? [r.regionId] : [])), ...viewer.read.contextRegionIds])] } },
      select: { id: true, name: true, timeZone: true },
    }),
    db.municipality.findMany({
      where: { id: { in: roles.flatMap((r) => (r.municipalityId ? [r.municipalityId] : [])) } },
      select: { name: true, region: { select: { id: true, name: true, timeZone: true } } },
    }),
    db.school.findMany({
      where: { id: { in: [...roles.flatMap((r) => (r.schoolId ? [r.schoolId] : [])), ...viewer.read.curatedSchoolIds] } },
      select: { shortName: true, municipality: { select: { region: { select: { id: true, name: true, timeZone: true } } } } },
    }),
  ]);
  const zones = new Map<string, string>();
  for (const r of regions) zones.set(r.id, r.timeZone);
  for (const m of municipalities) zones.set(m.region.id, m.region.timeZone);
  for (const s of schools) zones.set(s.municipality.region.id, s.municipality.region.timeZone);
  const ownRegions = regions.filter((r) => roles.some((x) => x.regionId === r.id));
  const parts = [...ownRegions.map((r) => r.name), ...municipalities.map((m) => `${m.name} (${m.region.name})`), ...schools.map((s) => s.shortName)];
  return { territory: parts.join("; ") || "нет территории", timeZone: zones.size === 1 ? [...zones.values()][0]! : null };
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** Builds the export for a viewer: the report re-run with the viewer's reach. */
export async function buildExport(ctx: { db: DB; viewer: Viewer }, format: ExportFormat, req: ExportRequest): Promise<ExportFile> {
  const filter = toReportFilter(req.filter);
  const now = new Date();
  const out = await tables(ctx, req, filter);
  const base = `МЭДК — ${REPORT_TITLE[req.report]} — ${filter.years.join(", ")}`;
  const place = await viewerPlace(ctx.db, ctx.viewer);
  const clock = clockOf(place.timeZone);
  if (format === "CSV") return { fileName: `${base}.csv`, contentType: "text/csv; charset=utf-8", body: Buffer.from(toCsv(out[0]!, clock), "utf8") };
  const lines = await filterLines(ctx.db, ctx.viewer, req, filter, now, place, clock);
  return {
    fileName: `${base}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: await toXlsx(out, lines, clock),
  };
}
