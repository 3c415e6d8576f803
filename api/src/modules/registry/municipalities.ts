// Municipalities by the same import: a name that exists is unchanged, a new name is created, and a row
// naming the former name renames that municipality (its schools, people and roadmaps stay with it).
import { randomUUID } from "node:crypto";
import type { Prisma } from "../../db.ts";
import { normName, rejectDuplicates, type ImportKind, type Judged, type Problem } from "./kinds.ts";
import { findColumns } from "./schools.ts";

export interface MunicipalityRow {
  regionCode: number | null;
  name: string;
  formerName: string | null;
  regionId?: string;
}

const COLUMNS = {
  regionCode: { re: /код.*(субъект|регион)/, title: "Код субъекта" },
  formerName: { re: /прежн|старое/, title: "Прежнее наименование" },
  name: { re: /^(наименование|муницип|название)/, title: "Наименование" },
} as const;

export const municipalitiesKind: ImportKind<MunicipalityRow> = {
  kind: "MUNICIPALITIES",
  read(table, scope) {
    const { at, header } = findColumns(table, COLUMNS, ["name", ...(scope.regionId ? [] : (["regionCode"] as const))]);
    return table.rows.map((r) => {
      const cell = (k: keyof typeof COLUMNS) => (at[k] >= 0 ? (r.cells[at[k]] ?? "") : "");
      const problems: Problem[] = [];
      const name = cell("name");
      if (!name) problems.push({ column: header("name"), message: "Не заполнено" });
      if (name.length > 200) problems.push({ column: header("name"), message: "Наименование длиннее 200 символов" });
      let regionCode: number | null = null;
      if (!scope.regionId) {
        const code = cell("regionCode");
        if (!/^\d{1,2}$/.test(code)) problems.push({ column: header("regionCode"), message: code ? "Код субъекта — число от 1 до 99" : "Не заполнено" });
        else regionCode = Number(code);
      }
      return { rowNumber: r.rowNumber, data: { regionCode, name, formerName: cell("formerName") || null }, problems };
    });
  },

  async judge(db, scope, rows) {
    const regions = await db.region.findMany({ select: { id: true, code: true } });
    const regionByCode = new Map(regions.map((r) => [r.code, r.id]));
    const regionIds = scope.regionId ? [scope.regionId] : regions.map((r) => r.id);
    const munis = await db.municipality.findMany({ where: { regionId: { in: regionIds } }, select: { id: true, regionId: true, name: true } });
    const byName = new Map(munis.map((m) => [`${m.regionId}|${normName(m.name)}`, m]));
    for (const r of rows) {
      if (r.problems.length) continue;
      const regionId = scope.regionId ?? regionByCode.get(r.data.regionCode!);
      if (!regionId) r.problems.push({ column: "Код субъекта", message: `Субъекта с кодом ${r.data.regionCode} нет` });
      else r.data.regionId = regionId;
    }
    rejectDuplicates(rows, (d) => `${d.regionId}|${normName(d.name)}`, "Наименование", "Муниципалитет");
    rejectDuplicates(rows, (d) => (d.formerName ? `${d.regionId}|${normName(d.formerName)}` : null), "Прежнее наименование", "Прежнее наименование");
    return rows.map((r): Judged<MunicipalityRow> => {
      const base = { rowNumber: r.rowNumber, data: r.data, targetId: null, changes: null, problems: r.problems };
      if (r.problems.length) return { ...base, outcome: "REJECTED" };
      const current = byName.get(`${r.data.regionId}|${normName(r.data.name)}`);
      if (current) {
        // Same name in other spelling (case, ё) is a rename to the file's spelling.
        if (current.name !== r.data.name) return { ...base, outcome: "CHANGED", targetId: current.id, changes: { name: [current.name, r.data.name] } };
        return { ...base, outcome: "UNCHANGED", targetId: current.id };
      }
      if (r.data.formerName) {
        const former = byName.get(`${r.data.regionId}|${normName(r.data.formerName)}`);
        if (!former) return { ...base, outcome: "REJECTED", problems: [{ column: "Прежнее наименование", message: `Муниципалитета «${r.data.formerName}» нет в субъекте: переименовывать нечего` }] };
        return { ...base, outcome: "CHANGED", targetId: former.id, changes: { name: [former.name, r.data.name] } };
      }
      return { ...base, outcome: "NEW" };
    });
  },

  async apply(tx, viewer, _scope, rows) {
    const audits: Prisma.AuditEventCreateManyInput[] = [];
    const created = rows.filter((r) => r.outcome === "NEW").map((r) => ({ id: randomUUID(), regionId: r.data.regionId!, name: r.data.name }));
    if (created.length) await tx.municipality.createMany({ data: created });
    for (const m of created) audits.push({ actorId: viewer.id, action: "municipality.import.create", entityType: "Municipality", entityId: m.id, after: m });
    for (const r of rows.filter((x) => x.outcome === "CHANGED")) {
      await tx.municipality.update({ where: { id: r.targetId! }, data: { name: r.data.name } });
      audits.push({
        actorId: viewer.id,
        action: "municipality.rename",
        entityType: "Municipality",
        entityId: r.targetId!,
        before: { name: r.changes!.name![0] } as Prisma.InputJsonValue,
        after: { name: r.data.name },
      });
    }
    if (audits.length) await tx.auditEvent.createMany({ data: audits });
    return { invitations: [] };
  },
};
