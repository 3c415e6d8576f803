// Changes by hand: one school's registry entry, and participants picked from the registry for a year.
import type { Context } from "../../context.ts";
import { DomainError, forbidden, notFound } from "../../errors.ts";
import { canManageRegistry } from "../../auth/access.ts";
import { publishAccessChanged } from "../../auth/live-access.ts";
import { audit } from "../audit/service.ts";
import { validInn, validOgrn } from "./checksums.ts";
import { decreeText } from "./service.ts";
import { participantYear, ProgrammeRegionError } from "../programme/years.ts";

const TX = { maxWait: 15_000, timeout: 30_000 } as const;

export interface SchoolEdit {
  fullName?: string;
  shortName?: string;
  inn?: string | null;
  ogrn?: string | null;
  address?: string | null;
  canParticipate?: boolean;
  canHostCurators?: boolean;
  municipalityId?: string;
}

export class SchoolConflictError extends DomainError {
  constructor(message: string) {
    super(message, "SCHOOL_CONFLICT");
  }
}

/** Edits one school of the registry (within the viewer's region), keeping before/after in history. */
export async function updateSchool(ctx: Context, schoolId: string, edit: SchoolEdit) {
  const viewer = ctx.viewer;
  if (!viewer) throw forbidden("Требуется вход в систему");
  const s = await ctx.db.school.findUnique({ where: { id: schoolId }, include: { municipality: { select: { regionId: true } } } });
  if (!s || !(viewer.read.all || viewer.read.allSchoolIds.has(s.id) || viewer.read.curatedSchoolIds.has(s.id))) throw notFound("Школа не найдена");
  if (!canManageRegistry(viewer.act, s.municipality.regionId)) throw forbidden("Реестр школ ведёт региональный координатор");
  if (edit.inn && !validInn(edit.inn)) throw new SchoolConflictError("Неверный ИНН: 10 цифр с верной контрольной цифрой");
  if (edit.ogrn && !validOgrn(edit.ogrn)) throw new SchoolConflictError("Неверный ОГРН: 13 цифр с верной контрольной цифрой");
  if (edit.municipalityId && edit.municipalityId !== s.municipalityId) {
    const m = await ctx.db.municipality.findUnique({ where: { id: edit.municipalityId }, select: { regionId: true } });
    if (!m || m.regionId !== s.municipality.regionId) throw new SchoolConflictError("Школу можно перенести только в муниципалитет того же субъекта");
  }
  const changed = Object.fromEntries(Object.entries(edit).filter(([k, v]) => v !== undefined && v !== s[k as keyof typeof s]));
  if (!Object.keys(changed).length) return s;
  const updated = await ctx.db
    .$transaction(async (tx) => {
      const after = await tx.school.update({ where: { id: s.id }, data: changed });
      await audit(tx, {
        actorId: viewer.id,
        action: "school.update",
        entityType: "School",
        entityId: s.id,
        schoolId: s.id,
        before: Object.fromEntries(Object.keys(changed).map((k) => [k, s[k as keyof typeof s]])),
        after: changed,
      });
      return after;
    }, TX)
    .catch((e) => {
      if ((e as { code?: string }).code === "P2002") throw new SchoolConflictError("ИНН, ОГРН или краткое наименование в этом муниципалитете уже принадлежат другой школе");
      throw e;
    });
  // A school moved to another municipality changes who reaches it: open subscriptions re-check.
  if ("municipalityId" in changed) publishAccessChanged(ctx.pubsub, "*");
  return updated;
}

/**
 * Adds schools picked from the registry to a year's participant list by decree. Schools already in the
 * list are reported back, not added twice.
 */
export async function addParticipants(ctx: Context, year: number, schoolIds: string[], decreeNumber: string, decreeDate: Date, programmeId: string | null = null) {
  const viewer = ctx.viewer;
  if (!viewer) throw forbidden("Требуется вход в систему");
  const y = await participantYear(ctx.db, year, programmeId);
  if (!y || (y.programme.regionId && !canManageRegistry(viewer.act, y.programme.regionId))) throw notFound(`${year} год проекта не открыт`);
  const schools = await ctx.db.school.findMany({
    where: { id: { in: schoolIds } },
    select: { id: true, shortName: true, canParticipate: true, municipality: { select: { regionId: true } }, participations: { where: { programmeYearId: y.id }, select: { id: true } } },
  });
  if (schools.length !== new Set(schoolIds).size) throw notFound("Школа не найдена");
  for (const s of schools) if (!canManageRegistry(viewer.act, s.municipality.regionId)) throw forbidden("Участников субъекта назначает его региональный координатор");
  const strangers = y.programme.regionId ? schools.filter((s) => s.municipality.regionId !== y.programme.regionId) : [];
  if (strangers.length)
    throw new ProgrammeRegionError(
      y.programme.shortName,
      y.programme.region!.name,
      strangers.map((s) => s.shortName),
    );
  const refused = schools.filter((s) => !s.canParticipate);
  if (refused.length) throw new SchoolConflictError(`Не могут быть участниками (отмечено в реестре): ${refused.map((s) => s.shortName).join(", ")}`);
  const decree = decreeText(decreeNumber, decreeDate);
  const fresh = schools.filter((s) => !s.participations.length);
  const added = await ctx.db
    .$transaction(async (tx) => {
      const out = [];
      for (const s of fresh) {
        const p = await tx.participation.create({ data: { schoolId: s.id, programmeYearId: y.id, decree } });
        await audit(tx, {
          actorId: viewer.id,
          action: "participation.create",
          entityType: "Participation",
          entityId: p.id,
          schoolId: s.id,
          after: { programmeYearId: y.id, decree, status: "PARTICIPATING" },
        });
        out.push(p);
      }
      return out;
    }, TX)
    .catch((e) => {
      if ((e as { code?: string }).code === "P2002") throw new SchoolConflictError("Школа только что добавлена в список кем-то другим: обновите страницу");
      throw e;
    });
  return { added, alreadyListed: schools.filter((s) => s.participations.length).map((s) => s.id) };
}
