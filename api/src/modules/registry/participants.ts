// The decree's participant list for a year: schools of the registry named by ИНН. A school already in
// the year's list is reported as such (unchanged), never listed twice.
import { randomUUID } from "node:crypto";
import { chunk, rejectDuplicates, type ImportKind, type Judged, type Problem } from "./kinds.ts";
import { validInn } from "./checksums.ts";
import { findColumns } from "./schools.ts";

export interface ParticipantRow {
  inn: string;
  name: string | null;
  schoolId?: string;
  schoolName?: string;
  /** Why an unchanged row is unchanged («уже в списке по приказу …»). */
  note?: string;
}

const COLUMNS = {
  inn: { re: /^инн/, title: "ИНН" },
  name: { re: /наименование|школа/, title: "Наименование" },
} as const;

export const participantsKind: ImportKind<ParticipantRow> = {
  kind: "PARTICIPANTS",
  read(table) {
    const { at, header } = findColumns(table, COLUMNS, ["inn"]);
    return table.rows.map((r) => {
      const inn = (r.cells[at.inn] ?? "").replace(/\s/g, "");
      const problems: Problem[] = [];
      if (!inn) problems.push({ column: header("inn"), message: "Не заполнено" });
      else if (!validInn(inn)) problems.push({ column: header("inn"), message: /^\d{10}$/.test(inn) ? "Неверная контрольная цифра ИНН" : "ИНН организации — 10 цифр" });
      return { rowNumber: r.rowNumber, data: { inn, name: at.name >= 0 ? r.cells[at.name] || null : null }, problems };
    });
  },

  async judge(db, scope, rows) {
    rejectDuplicates(rows, (d) => d.inn, "ИНН", "ИНН");
    const inns = rows.filter((r) => !r.problems.length).map((r) => r.data.inn);
    const schools = [];
    for (const part of chunk(inns, 5000))
      schools.push(
        ...(await db.school.findMany({
          where: { inn: { in: part }, ...(scope.regionId ? { municipality: { regionId: scope.regionId } } : {}) },
          select: { id: true, inn: true, shortName: true, canParticipate: true, participations: { where: { programmeYearId: scope.programmeYearId! }, select: { id: true, decree: true } } },
        })),
      );
    const byInn = new Map(schools.map((s) => [s.inn!, s]));
    return rows.map((r): Judged<ParticipantRow> => {
      const base = { rowNumber: r.rowNumber, data: r.data, targetId: null, changes: null, problems: r.problems };
      if (r.problems.length) return { ...base, outcome: "REJECTED" };
      const s = byInn.get(r.data.inn);
      if (!s) return { ...base, outcome: "REJECTED", problems: [{ column: "ИНН", message: "Школы с таким ИНН нет в реестре субъекта: сначала загрузите реестр" }] };
      const data = { ...r.data, schoolId: s.id, schoolName: s.shortName };
      if (!s.canParticipate) return { ...base, data, outcome: "REJECTED", problems: [{ column: "ИНН", message: `${s.shortName} не может быть участником проекта (отмечено в реестре)` }] };
      const p = s.participations[0];
      if (p) return { ...base, data: { ...data, note: `Уже в списке года${p.decree ? ` (${p.decree})` : ""}` }, outcome: "UNCHANGED", targetId: p.id };
      return { ...base, data, outcome: "NEW" };
    });
  },

  async apply(tx, viewer, scope, rows) {
    const created = rows.filter((r) => r.outcome === "NEW").map((r) => ({ id: randomUUID(), schoolId: r.data.schoolId!, programmeYearId: scope.programmeYearId!, decree: scope.decree }));
    for (const part of chunk(created, 2000)) await tx.participation.createMany({ data: part });
    for (const part of chunk(created, 5000))
      await tx.auditEvent.createMany({
        data: part.map((p) => ({
          actorId: viewer.id,
          action: "participation.create",
          entityType: "Participation",
          entityId: p.id,
          schoolId: p.schoolId,
          after: { programmeYearId: p.programmeYearId, decree: p.decree, status: "PARTICIPATING" },
        })),
      });
    return { invitations: [] };
  },
};
