// Programme years: open a year, or copy the last one with its settings, deadlines, alert days, review
// rule, risk-factor list, significance rules and scoring; change settings later with a reason kept in
// history; delete only a year nobody takes part in. The federal coordinator runs «500+» (and may run any
// programme); a region's coordinator runs its region's programme («62+»). Participation statuses (regional):
// withdrawn or left the low-results list, with the reason and date, in history.
import type { Context } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { DomainError, forbidden, notFound } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canManageProgramme, canManageRegistry, canSeeProgramme } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import type { ParticipationStatus } from "../../../../prisma/generated/client/enums.ts";
import { audit } from "../audit/service.ts";
import { FEDERAL_PROGRAMME } from "./years.ts";

const TX = { maxWait: 15_000, timeout: 30_000 } as const;

export class YearExistsError extends DomainError {
  constructor(year: number) {
    super(`${year} год проекта уже открыт`, "YEAR_EXISTS");
  }
}
export class YearInUseError extends DomainError {
  constructor(what: string) {
    super(`Год нельзя удалить: ${what}`, "YEAR_IN_USE");
  }
}
export class RiskFactorInUseError extends DomainError {
  constructor() {
    super("Фактор уже используется в рисковых профилях, документах или мероприятиях: его можно переименовать, но не удалить", "RISK_FACTOR_IN_USE");
  }
}
export class StatusTransitionError extends DomainError {
  constructor(message: string) {
    super(message, "INVALID_STATUS_TRANSITION");
  }
}

type ProgrammeRef = { id: string; shortName: string; regionId: string | null };

/** The programme `programmeId` (the federal one when null), if the viewer sees it. */
async function loadProgramme(ctx: Context, v: Viewer, programmeId: string | null): Promise<ProgrammeRef> {
  const p = await ctx.db.programme.findFirst({ where: programmeId ? { id: programmeId } : FEDERAL_PROGRAMME, select: { id: true, shortName: true, regionId: true } });
  if (!p || !canSeeProgramme(v.read, p.regionId)) throw notFound("Проект не найден");
  return p;
}

/** The viewer, when it may run the programme: the federal coordinator any, a region's coordinator its own. */
const requireManager = (ctx: Context, programme: { regionId: string | null }) => {
  const v = requireViewer(ctx);
  if (!canManageProgramme(v.act, programme.regionId))
    throw forbidden(programme.regionId ? "Региональным проектом управляет координатор его субъекта (или федеральный)" : "Годами проекта «500+» управляет федеральный координатор");
  return v;
};

/** A year with its programme, if the viewer sees it; then the viewer, if it may run it. */
async function yearForManager(ctx: Context, id: string) {
  const v = requireViewer(ctx);
  const y = await ctx.db.programmeYear.findUnique({ where: { id }, select: { id: true, programme: { select: { regionId: true } } } });
  if (!y || !canSeeProgramme(v.read, y.programme.regionId)) throw notFound("Год проекта не найден");
  return requireManager(ctx, y.programme);
}

/** The settings of a year: everything except its identity and relations. */
export interface YearSettings {
  title?: string;
  conceptDocumentsDue?: Date;
  roadmapDue?: Date | null;
  measureDueSoonDays?: number;
  documentsDueSoonDays?: number;
  reviewWaitDays?: number;
  coordinatorsMayReview?: boolean;
  roadmapAssistedEditing?: boolean;
}

const shiftYears = (d: Date | null, years: number) => {
  if (!d) return null;
  const x = new Date(d);
  x.setUTCFullYear(x.getUTCFullYear() + years);
  return x;
};

/**
 * Opens a programme year. With `copyFrom`, every setting of that year is copied (dates moved by the
 * difference of years), then its risk-factor list, significance rules, scoring criteria and zones;
 * `settings` override what was copied.
 */
export async function createProgrammeYear(ctx: Context, year: number, copyFrom: number | null, settings: YearSettings, programmeId: string | null = null) {
  const programme = await loadProgramme(ctx, requireViewer(ctx), programmeId);
  const viewer = requireManager(ctx, programme);
  if (await ctx.db.programmeYear.findUnique({ where: { programmeId_year: { programmeId: programme.id, year } }, select: { id: true } })) throw new YearExistsError(year);
  const source =
    copyFrom != null
      ? await ctx.db.programmeYear.findUnique({
          where: { programmeId_year: { programmeId: programme.id, year: copyFrom } },
          include: { riskFactors: { include: { recommendations: true } }, significanceRules: true, scoringCriteria: true, scoringZones: true },
        })
      : null;
  if (copyFrom != null && !source) throw notFound(`${copyFrom} год проекта не найден`);
  if (!source && !settings.conceptDocumentsDue) throw new DomainError("Укажите срок концептуальных документов", "DEADLINE_REQUIRED");
  return ctx.db.$transaction(async (tx) => {
    let base: Prisma.ProgrammeYearCreateInput;
    if (source) {
      const { id: _id, programmeId: _pid, year: from, title, riskFactors: _r, significanceRules: _s, scoringCriteria: _c, scoringZones: _z, ...copied } = source;
      const d = year - from;
      base = {
        ...copied,
        programme: { connect: { id: programme.id } },
        year,
        title: title.replace(String(from), String(year)),
        conceptDocumentsDue: shiftYears(copied.conceptDocumentsDue, d)!,
        roadmapDue: shiftYears(copied.roadmapDue, d),
      };
    } else base = { programme: { connect: { id: programme.id } }, year, title: `${programme.shortName} ${year}`, conceptDocumentsDue: settings.conceptDocumentsDue! };
    const created = await tx.programmeYear.create({ data: { ...base, ...settings, year } }).catch((e) => {
      if ((e as { code?: string }).code === "P2002") throw new YearExistsError(year);
      throw e;
    });
    if (source) {
      const factorIds = new Map<string, string>();
      for (const f of source.riskFactors) {
        const nf = await tx.riskFactor.create({
          data: {
            programmeYearId: created.id,
            number: f.number,
            title: f.title,
            description: f.description,
            recommendations: { create: f.recommendations.map((r) => ({ significance: r.significance, text: r.text })) },
          },
        });
        factorIds.set(f.id, nf.id);
      }
      await tx.significanceRule.createMany({
        data: source.significanceRules.map(({ id: _i, programmeYearId: _p, riskFactorId, ...r }) => ({ ...r, programmeYearId: created.id, riskFactorId: factorIds.get(riskFactorId)! })),
      });
      // The scoring of regions is the federal programme's: a region's programme has no regions to score.
      if (!programme.regionId) await tx.scoringCriterion.createMany({ data: source.scoringCriteria.map(({ id: _i, programmeYearId: _p, ...c }) => ({ ...c, programmeYearId: created.id })) });
      if (!programme.regionId) await tx.scoringZone.createMany({ data: source.scoringZones.map(({ id: _i, programmeYearId: _p, ...z }) => ({ ...z, programmeYearId: created.id })) });
    }
    await audit(tx, {
      actorId: viewer.id,
      action: source ? "programmeYear.copy" : "programmeYear.create",
      entityType: "ProgrammeYear",
      entityId: created.id,
      after: { ...created, copiedFrom: copyFrom, riskFactors: source?.riskFactors.length ?? 0 },
    });
    return created;
  }, TX);
}

/** Changes a year's settings; the reason is kept in history with the values before and after. */
export async function updateProgrammeYear(ctx: Context, id: string, settings: YearSettings, reason: string) {
  const viewer = await yearForManager(ctx, id);
  const before = await ctx.db.programmeYear.findUnique({ where: { id } });
  if (!before) throw notFound("Год проекта не найден");
  const changed = Object.fromEntries(Object.entries(settings).filter(([k, v]) => v !== undefined && String(v) !== String(before[k as keyof typeof before])));
  if (!Object.keys(changed).length) return before;
  return ctx.db.$transaction(async (tx) => {
    const after = await tx.programmeYear.update({ where: { id }, data: changed });
    await audit(tx, {
      actorId: viewer.id,
      action: "programmeYear.update",
      entityType: "ProgrammeYear",
      entityId: id,
      before: Object.fromEntries(Object.keys(changed).map((k) => [k, before[k as keyof typeof before]])),
      after: changed,
      reason,
    });
    return after;
  }, TX);
}

/** Deletes a year that has no participants, roadmaps, materials, events or questions yet. */
export async function deleteProgrammeYear(ctx: Context, id: string) {
  const viewer = await yearForManager(ctx, id);
  const y = await ctx.db.programmeYear.findUnique({ where: { id }, include: { _count: { select: { participations: true, roadmaps: true, materials: true, events: true, questions: true } } } });
  if (!y) throw notFound("Год проекта не найден");
  if (y._count.participations) throw new YearInUseError(`в нём ${y._count.participations} школ-участников`);
  if (y._count.roadmaps || y._count.materials || y._count.events || y._count.questions) throw new YearInUseError("к нему уже привязаны дорожные карты, материалы, мероприятия или вопросы");
  await ctx.db
    .$transaction(async (tx) => {
      // A participant added meanwhile makes the delete fail on the foreign key, not silently succeed.
      await tx.significanceRule.deleteMany({ where: { programmeYearId: id } });
      await tx.scoringCriterion.deleteMany({ where: { programmeYearId: id } });
      await tx.scoringZone.deleteMany({ where: { programmeYearId: id } });
      await tx.regionScore.deleteMany({ where: { programmeYearId: id } });
      await tx.riskFactor.deleteMany({ where: { programmeYearId: id } });
      await tx.programmeYear.delete({ where: { id } });
      await audit(tx, { actorId: viewer.id, action: "programmeYear.delete", entityType: "ProgrammeYear", entityId: id, before: { year: y.year, title: y.title } });
    }, TX)
    .catch((e) => {
      if ((e as { code?: string }).code === "P2003") throw new YearInUseError("к нему уже привязаны данные");
      throw e;
    });
  return true;
}

/** Adds a risk factor to a year's list, or renames the factor with that number. */
export async function saveRiskFactor(ctx: Context, programmeYearId: string, number: number, title: string, description: string | null) {
  const viewer = await yearForManager(ctx, programmeYearId);
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.riskFactor.findUnique({ where: { programmeYearId_number: { programmeYearId, number } } });
    const f = await tx.riskFactor.upsert({ where: { programmeYearId_number: { programmeYearId, number } }, create: { programmeYearId, number, title, description }, update: { title, description } });
    await audit(tx, {
      actorId: viewer.id,
      action: before ? "riskFactor.update" : "riskFactor.create",
      entityType: "RiskFactor",
      entityId: f.id,
      before: before && { title: before.title, description: before.description },
      after: { number, title, description },
    });
    return f;
  }, TX);
}

/** Removes a factor from a year's list while nothing uses it. */
export async function removeRiskFactor(ctx: Context, id: string) {
  const f = await ctx.db.riskFactor.findUnique({ where: { id }, include: { _count: { select: { entries: true, documents: true, measures: true, practices: true } } } });
  if (!f) throw notFound("Фактор риска не найден");
  const viewer = await yearForManager(ctx, f.programmeYearId);
  if (f._count.entries || f._count.documents || f._count.measures || f._count.practices) throw new RiskFactorInUseError();
  await ctx.db.$transaction(async (tx) => {
    await tx.significanceRule.deleteMany({ where: { riskFactorId: id } });
    await tx.riskFactor.delete({ where: { id } });
    await audit(tx, { actorId: viewer.id, action: "riskFactor.delete", entityType: "RiskFactor", entityId: id, before: { number: f.number, title: f.title } });
  }, TX);
  return true;
}

const ALLOWED: Record<ParticipationStatus, ParticipationStatus[]> = {
  PARTICIPATING: ["WITHDRAWN", "LEFT_LOW_RESULTS"],
  WITHDRAWN: ["PARTICIPATING"],
  LEFT_LOW_RESULTS: ["PARTICIPATING"],
};

/**
 * Changes a participation's status: → WITHDRAWN (a reason), → LEFT_LOW_RESULTS (the date and the decree
 * or reason), or back to PARTICIPATING (a reason, e.g. a corrected mistake). Kept in history.
 */
export async function changeParticipationStatus(ctx: Context, participationId: string, status: ParticipationStatus, reason: string, date: Date | null) {
  const viewer = requireViewer(ctx);
  const p = await ctx.db.participation.findUnique({ where: { id: participationId }, include: { school: { select: { municipality: { select: { regionId: true } } } } } });
  if (!p || (!viewer.read.all && !viewer.read.allSchoolIds.has(p.schoolId) && !viewer.read.curatedParticipationIds.has(p.id))) throw notFound("Участие не найдено");
  if (!canManageRegistry(viewer.act, p.school.municipality.regionId)) throw forbidden("Статус участия меняет региональный координатор");
  if (!ALLOWED[p.status].includes(status)) throw new StatusTransitionError(p.status === status ? "Школа уже в этом статусе" : "Такой переход статуса невозможен: сначала верните школу в «Участвует»");
  if (status === "LEFT_LOW_RESULTS" && !date) throw new StatusTransitionError("Укажите дату выхода из списка школ с низкими результатами");
  const statusDate = date ?? new Date(new Date().toISOString().slice(0, 10));
  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.participation.updateMany({ where: { id: p.id, status: p.status }, data: { status, statusReason: reason, statusDate, statusChangedAt: new Date() } });
    if (!count) throw new StatusTransitionError("Статус только что изменил кто-то другой: обновите страницу");
    await audit(tx, {
      actorId: viewer.id,
      action: "participation.status",
      entityType: "Participation",
      entityId: p.id,
      schoolId: p.schoolId,
      before: { status: p.status },
      after: { status, statusDate: statusDate.toISOString().slice(0, 10) },
      reason,
    });
    return tx.participation.findUniqueOrThrow({ where: { id: p.id } });
  }, TX);
}
