// The school registry: municipality, full and short name, ИНН, ОГРН, address, whether it may host
// curators. A school is matched by its ИНН (then ОГРН); a file never clears a value it leaves empty.
import { randomUUID } from "node:crypto";
import type { DB, Prisma } from "../../db.ts";
import { Prisma as P } from "../../db.ts";
import { validInn, validOgrn } from "./checksums.ts";
import { chunk, normName, NO, rejectDuplicates, YES, type Candidate, type ImportKind, type Judged, type Problem } from "./kinds.ts";
import { columnIndex, TableUnreadableError, type Table } from "../../shared/table.ts";
import { insertAudits, insertSchools, type NewSchool } from "./bulk.ts";

export interface SchoolRow {
  regionCode: number | null;
  municipality: string;
  fullName: string;
  shortName: string;
  inn: string;
  ogrn: string | null;
  address: string | null;
  canHostCurators: boolean | null;
  /** Filled in by judge. */
  regionId?: string;
  municipalityId?: string;
}

const COLUMNS = {
  regionCode: { re: /код.*(субъект|регион)/, title: "Код субъекта" },
  municipality: { re: /муницип/, title: "Муниципальное образование" },
  fullName: { re: /полное/, title: "Полное наименование" },
  shortName: { re: /кратк|сокращ/, title: "Краткое наименование" },
  inn: { re: /^инн/, title: "ИНН" },
  ogrn: { re: /^огрн/, title: "ОГРН" },
  address: { re: /адрес/, title: "Адрес" },
  canHostCurators: { re: /куратор/, title: "Школа кураторов" },
} as const;

/** Finds the columns of a table; a missing required column refuses the file as a whole. */
export function findColumns<S extends Record<string, { re: RegExp; title: string }>>(table: Table, spec: S, required: (keyof S & string)[]) {
  type K = keyof S & string;
  const at = {} as Record<K, number>;
  for (const k of Object.keys(spec) as K[]) at[k] = columnIndex(table.header, spec[k].re);
  const missing = required.filter((k) => at[k] < 0).map((k) => `«${spec[k].title}»`);
  if (missing.length) throw new TableUnreadableError(`В первой строке файла нет столбцов ${missing.join(", ")}. Найдены: ${table.header.filter(Boolean).join(", ") || "—"}`);
  const header = (k: K) => (at[k] >= 0 ? table.header[at[k]]! : spec[k].title);
  return { at, header };
}

export const schoolsKind: ImportKind<SchoolRow> = {
  kind: "SCHOOLS",
  read(table, scope) {
    const { at, header } = findColumns(table, COLUMNS, ["municipality", "fullName", "shortName", "inn", ...(scope.regionId ? [] : (["regionCode"] as const))]);
    return table.rows.map((r) => {
      const cell = (k: keyof typeof COLUMNS) => (at[k] >= 0 ? (r.cells[at[k]] ?? "") : "");
      const problems: Problem[] = [];
      const need = (k: keyof typeof COLUMNS) => {
        const v = cell(k);
        if (!v) problems.push({ column: header(k), message: "Не заполнено" });
        return v;
      };
      const inn = need("inn").replace(/\s/g, "");
      if (inn && !validInn(inn)) problems.push({ column: header("inn"), message: /^\d{10}$/.test(inn) ? "Неверная контрольная цифра ИНН" : "ИНН организации — 10 цифр" });
      const ogrn = cell("ogrn").replace(/\s/g, "") || null;
      if (ogrn && !validOgrn(ogrn)) problems.push({ column: header("ogrn"), message: /^\d{13}$/.test(ogrn) ? "Неверная контрольная цифра ОГРН" : "ОГРН — 13 цифр" });
      const host = cell("canHostCurators");
      let canHostCurators: boolean | null = null;
      if (at.canHostCurators >= 0) {
        if (YES.test(host)) canHostCurators = true;
        else if (NO.test(host)) canHostCurators = false;
        else problems.push({ column: header("canHostCurators"), message: "Укажите «да» или «нет»" });
      }
      let regionCode: number | null = null;
      if (!scope.regionId) {
        const code = need("regionCode");
        if (code && !/^\d{1,2}$/.test(code)) problems.push({ column: header("regionCode"), message: "Код субъекта — число от 1 до 99" });
        else if (code) regionCode = Number(code);
      }
      const data: SchoolRow = {
        regionCode,
        municipality: need("municipality"),
        fullName: need("fullName"),
        shortName: need("shortName"),
        inn,
        ogrn,
        address: cell("address") || null,
        canHostCurators,
      };
      return { rowNumber: r.rowNumber, data, problems };
    });
  },

  async judge(db, scope, rows) {
    const regions = await db.region.findMany({ select: { id: true, code: true } });
    const regionByCode = new Map(regions.map((r) => [r.code, r.id]));
    const regionIds = scope.regionId ? [scope.regionId] : regions.map((r) => r.id);
    const munis = await db.municipality.findMany({ where: { regionId: { in: regionIds } }, select: { id: true, regionId: true, name: true } });
    const muniByName = new Map(munis.map((m) => [`${m.regionId}|${normName(m.name)}`, m]));
    const muniName = new Map(munis.map((m) => [m.id, m.name]));
    const existing = await loadSchools(db, regionIds, rows);
    const byInn = new Map(existing.filter((s) => s.inn).map((s) => [s.inn!, s]));
    const byOgrn = new Map(existing.filter((s) => s.ogrn).map((s) => [s.ogrn!, s]));
    const byPlaceName = new Map(existing.map((s) => [`${s.municipalityId}|${normName(s.shortName)}`, s]));

    const H = { municipality: "Муниципальное образование", region: "Код субъекта", inn: "ИНН", ogrn: "ОГРН", shortName: "Краткое наименование" };
    for (const r of rows) {
      if (r.problems.length) continue;
      const regionId = scope.regionId ?? regionByCode.get(r.data.regionCode!);
      if (!regionId) {
        r.problems.push({ column: H.region, message: `Субъекта с кодом ${r.data.regionCode} нет` });
        continue;
      }
      const m = muniByName.get(`${regionId}|${normName(r.data.municipality)}`);
      if (!m) r.problems.push({ column: H.municipality, message: `Муниципалитета «${r.data.municipality}» нет в субъекте: сначала загрузите или создайте его` });
      else Object.assign(r.data, { regionId, municipalityId: m.id });
    }
    rejectDuplicates(rows, (d) => d.inn, H.inn, "ИНН");
    rejectDuplicates(rows, (d) => d.ogrn, H.ogrn, "ОГРН");
    rejectDuplicates(rows, (d) => `${d.municipalityId}|${normName(d.shortName)}`, H.shortName, "Краткое наименование в этом муниципалитете");

    const targets = new Set<string>();
    const out: Judged<SchoolRow>[] = rows.map((r) => {
      const base = { rowNumber: r.rowNumber, data: r.data, targetId: null, changes: null, problems: r.problems };
      if (r.problems.length) return { ...base, outcome: "REJECTED" as const };
      const found = byInn.get(r.data.inn) ?? (r.data.ogrn ? byOgrn.get(r.data.ogrn) : undefined);
      const problems: Problem[] = [];
      if (found && !regionIds.includes(found.regionId)) problems.push({ column: H.inn, message: "Эта школа числится в другом субъекте: её меняет координатор того субъекта" });
      if (found && found.inn && found.inn !== r.data.inn) problems.push({ column: H.ogrn, message: `ОГРН принадлежит школе с другим ИНН (${found.inn})` });
      if (!found && r.data.ogrn && byOgrn.has(r.data.ogrn)) problems.push({ column: H.ogrn, message: "ОГРН уже принадлежит другой школе" });
      const holder = byPlaceName.get(`${r.data.municipalityId}|${normName(r.data.shortName)}`);
      if (holder && holder.id !== found?.id) problems.push({ column: H.shortName, message: `В муниципалитете уже есть школа с таким кратким наименованием (ИНН ${holder.inn ?? "не указан"})` });
      if (problems.length) return { ...base, outcome: "REJECTED" as const, problems };
      if (!found) return { ...base, outcome: "NEW" as const };
      targets.add(found.id);
      const changes: Record<string, [unknown, unknown]> = {};
      const cmp = (field: string, before: unknown, after: unknown) => {
        if (after != null && after !== before) changes[field] = [before, after];
      };
      cmp("fullName", found.fullName, r.data.fullName);
      cmp("shortName", found.shortName, r.data.shortName);
      cmp("ogrn", found.ogrn, r.data.ogrn);
      cmp("address", found.address, r.data.address);
      cmp("canHostCurators", found.canHostCurators, r.data.canHostCurators);
      if (found.municipalityId !== r.data.municipalityId) changes.municipality = [muniName.get(found.municipalityId) ?? found.municipalityId, muniName.get(r.data.municipalityId!)];
      const changed = Object.keys(changes).length > 0;
      return { ...base, targetId: found.id, outcome: changed ? ("CHANGED" as const) : ("UNCHANGED" as const), changes: changed ? changes : null };
    });
    return out;
  },

  async apply(tx, viewer, _scope, rows) {
    const created = rows.filter((r) => r.outcome === "NEW");
    const changed = rows.filter((r) => r.outcome === "CHANGED");
    const audits: Prisma.AuditEventCreateManyInput[] = [];
    for (const part of chunk(created, 5000)) {
      const data: NewSchool[] = part.map((r) => ({
        id: randomUUID(),
        municipalityId: r.data.municipalityId!,
        fullName: r.data.fullName,
        shortName: r.data.shortName,
        inn: r.data.inn,
        ogrn: r.data.ogrn,
        address: r.data.address,
        canHostCurators: r.data.canHostCurators ?? false,
      }));
      await insertSchools(tx, data);
      for (const d of data) audits.push({ actorId: viewer.id, action: "school.import.create", entityType: "School", entityId: d.id, schoolId: d.id, after: { ...d } });
    }
    // One UPDATE per thousand rows: a national re-import of changed names must not be 40,000 round trips.
    for (const part of chunk(changed, 1000)) {
      const values = part.map(
        (r) => P.sql`(${r.targetId}::uuid, ${r.data.municipalityId}::uuid, ${r.data.fullName}, ${r.data.shortName}, ${r.data.ogrn}, ${r.data.address}, ${r.data.canHostCurators}::boolean)`,
      );
      await tx.$executeRaw`
        UPDATE "School" s SET
          "municipalityId" = v.m, "fullName" = v.f, "shortName" = v.sn,
          "ogrn" = COALESCE(v.o, s."ogrn"), "address" = COALESCE(v.a, s."address"), "canHostCurators" = COALESCE(v.h, s."canHostCurators")
        FROM (VALUES ${P.join(values)}) AS v(id, m, f, sn, o, a, h) WHERE s.id = v.id`;
      for (const r of part)
        audits.push({
          actorId: viewer.id,
          action: "school.import.update",
          entityType: "School",
          entityId: r.targetId!,
          schoolId: r.targetId,
          before: Object.fromEntries(Object.entries(r.changes ?? {}).map(([k, v]) => [k, v[0]])) as Prisma.InputJsonValue,
          after: Object.fromEntries(Object.entries(r.changes ?? {}).map(([k, v]) => [k, v[1]])) as Prisma.InputJsonValue,
        });
    }
    await insertAudits(tx, audits);
    return { invitations: [] };
  },
};

type ExistingSchool = {
  id: string;
  municipalityId: string;
  regionId: string;
  fullName: string;
  shortName: string;
  inn: string | null;
  ogrn: string | null;
  address: string | null;
  canHostCurators: boolean;
};

/** The schools of the regions in scope, and those elsewhere whose ИНН or ОГРН the file names. */
async function loadSchools(db: DB, regionIds: string[], rows: Candidate<SchoolRow>[]): Promise<ExistingSchool[]> {
  const select = {
    id: true,
    municipalityId: true,
    fullName: true,
    shortName: true,
    inn: true,
    ogrn: true,
    address: true,
    canHostCurators: true,
    municipality: { select: { regionId: true } },
  } as const;
  const flat = (s: Prisma.SchoolGetPayload<{ select: typeof select }>): ExistingSchool => ({ ...s, regionId: s.municipality.regionId });
  const inScope = (await db.school.findMany({ where: { municipality: { regionId: { in: regionIds } } }, select })).map(flat);
  const seen = new Set(inScope.map((s) => s.id));
  const inns = rows.map((r) => r.data.inn).filter(Boolean);
  const ogrns = rows.map((r) => r.data.ogrn).filter((x): x is string => !!x);
  const elsewhere: ExistingSchool[] = [];
  for (const part of chunk([...inns.map((v) => ({ inn: v })), ...ogrns.map((v) => ({ ogrn: v }))], 5000)) {
    const found = await db.school.findMany({
      where: {
        OR: [{ inn: { in: part.flatMap((p) => ("inn" in p ? [p.inn] : [])) } }, { ogrn: { in: part.flatMap((p) => ("ogrn" in p ? [p.ogrn] : [])) } }],
        NOT: { municipality: { regionId: { in: regionIds } } },
      },
      select,
    });
    for (const s of found)
      if (!seen.has(s.id)) {
        seen.add(s.id);
        elsewhere.push(flat(s));
      }
  }
  return [...inScope, ...elsewhere];
}
