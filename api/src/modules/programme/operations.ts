// Programme-year management (federal «500+»; a region's coordinator for its region's programme), risk-factor lists per year, the participant list of a year and
// participation status changes (regional), with their history.
import { z } from "zod";
import { builder } from "../../builder.ts";
import { canManageProgramme, canManageRegistry, participationWhere, programmeWhere } from "../../auth/access.ts";
import type { SignedInContext } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { DomainError, forbidden } from "../../errors.ts";
import { ChangeRecord, historyOf } from "../../shared/history.ts";
import { ParticipationNode, ParticipationStatusEnum, ProgrammeYearNode } from "./schema.ts";
import { ProgrammeNode } from "./programmes.ts";
import { changeParticipationStatus, createProgrammeYear, deleteProgrammeYear, removeRiskFactor, saveRiskFactor, updateProgrammeYear } from "./service.ts";
import { MunicipalityNode, RegionNode } from "../territory/schema.ts";
import { RiskFactorNode } from "../diagnostics/schema.ts";
import { requireViewer } from "../../auth/require-viewer.ts";

const errors = { types: [DomainError] };
const days = z.number().int().min(1, "Не меньше 1 дня").max(365, "Не больше 365 дней");
const text = (max: number, what: string) => z.string().trim().min(1, `${what}: не заполнено`).max(max, `${what}: не длиннее ${max} символов`);

builder.prismaObjectFields("ProgrammeYear", (t) => ({
  participantCount: t.relationCount("participations", { description: "Сколько школ участвует (во всех статусах, по всей стране)." }),
  viewerCanManage: t.boolean({
    description: "Пользователь может менять настройки года (федеральный координатор; у регионального проекта — и координатор его субъекта).",
    select: { programme: { select: { regionId: true } } },
    resolve: (y, _a, ctx) => !!ctx.viewer && canManageProgramme(ctx.viewer.act, y.programme.regionId),
  }),
  history: t.field({
    type: [ChangeRecord],
    description: "История изменений года (создание, копирование, изменения настроек с причиной).",
    authScopes: { federal: true, regionAdmin: true },
    select: { programme: { select: { regionId: true } } },
    resolve: (y, _a, ctx) => {
      if (!canManageProgramme(requireViewer(ctx).act, y.programme.regionId)) throw forbidden("Историю года видит тот, кто ведёт проект");
      return historyOf(ctx, "ProgrammeYear", y.id);
    },
  }),
}));

builder.prismaObjectFields("Participation", (t) => ({
  statusReason: t.exposeString("statusReason", { nullable: true, description: "Причина последнего изменения статуса (приказ, основание)." }),
  statusDate: t.expose("statusDate", { type: "Date", nullable: true, description: "С какой даты действует статус." }),
  viewerCanChangeStatus: t.boolean({
    description: "Пользователь может менять статус участия (региональный координатор субъекта, федеральный).",
    select: { school: { select: { municipality: { select: { regionId: true } } } } },
    resolve: (p, _a, ctx) => !!ctx.viewer && canManageRegistry(ctx.viewer.act, p.school.municipality.regionId),
  }),
  statusHistory: t.field({
    type: [ChangeRecord],
    description: "История участия: включение по приказу, смены статуса с причинами, назначения кураторов.",
    resolve: (p, _a, ctx) => historyOf(ctx, "Participation", p.id),
  }),
}));

const YearSettingsInput = builder.inputType("ProgrammeYearSettingsInput", {
  description: "Настройки года проекта; незаполненные поля не меняются (при копировании — берутся из прошлого года).",
  fields: (t) => ({
    title: t.string({ required: false, validate: text(200, "Название"), description: "Название." }),
    conceptDocumentsDue: t.field({ type: "Date", required: false, description: "Срок концептуальных документов." }),
    roadmapDue: t.field({ type: "Date", required: false, description: "Срок дорожной карты." }),
    measureDueSoonDays: t.int({ required: false, validate: days, description: "За сколько дней предупреждать о сроке мероприятия." }),
    documentsDueSoonDays: t.int({ required: false, validate: days, description: "За сколько дней предупреждать о сроке документов." }),
    reviewWaitDays: t.int({ required: false, validate: days, description: "Сколько дней документ ждёт проверки без напоминания." }),
    coordinatorsMayReview: t.boolean({ required: false, description: "Координаторы могут принимать решения по документам." }),
    roadmapAssistedEditing: t.boolean({ required: false, description: "Кураторы и координаторы могут править дорожную карту по просьбе школы." }),
  }),
});
const clean = <T extends Record<string, unknown>>(o: T | null | undefined) =>
  Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: Exclude<T[K], null> };

const ParticipationListFilter = builder.inputType("ParticipationListFilter", {
  description: "Фильтр списка участников года.",
  fields: (t) => ({
    year: t.int({ description: "Год проекта (во всех видимых проектах этого года, если programmeId не указан)." }),
    programmeId: t.globalID({ for: ProgrammeNode, required: false, description: "Только участники этого проекта («500+», «62+»)." }),
    regionId: t.globalID({ for: RegionNode, required: false, description: "Субъект РФ." }),
    municipalityId: t.globalID({ for: MunicipalityNode, required: false, description: "Муниципалитет." }),
    status: t.field({ type: ParticipationStatusEnum, required: false, description: "Статус участия." }),
    search: t.string({ required: false, validate: z.string().max(200), description: "Поиск по наименованию или ИНН школы." }),
  }),
});

function participationsFilter(f: typeof ParticipationListFilter.$inferInput, ctx: SignedInContext): Prisma.ParticipationWhereInput {
  return {
    AND: [
      participationWhere(ctx.viewer.read),
      { programmeYear: { year: f.year, programme: { AND: [programmeWhere(ctx.viewer.read), f.programmeId ? { id: f.programmeId.id } : {}] } } },
      f.regionId ? { school: { municipality: { regionId: f.regionId.id } } } : {},
      f.municipalityId ? { school: { municipalityId: f.municipalityId.id } } : {},
      f.status ? { status: f.status } : {},
      f.search ? { school: { OR: [{ shortName: { contains: f.search, mode: "insensitive" } }, { fullName: { contains: f.search, mode: "insensitive" } }, { inn: f.search.trim() }] } } : {},
    ],
  };
}

builder.queryFields((t) => ({
  participations: t.withAuth({ signedIn: true }).prismaConnection({
    type: "Participation",
    cursor: "id",
    description: "Участники года проекта в пределах доступа, по наименованию школы; фильтры по территории, статусу и поиск.",
    maxSize: 500,
    args: { filter: t.arg({ type: ParticipationListFilter }) },
    totalCount: (_c, args, ctx) => ctx.db.participation.count({ where: participationsFilter(args.filter, ctx) }),
    resolve: (query, _r, args, ctx) => ctx.db.participation.findMany({ ...query, where: participationsFilter(args.filter, ctx), orderBy: [{ school: { shortName: "asc" } }, { id: "asc" }] }),
  }),
}));

builder.mutationFields((t) => ({
  createProgrammeYear: t.prismaField({
    type: "ProgrammeYear",
    description:
      "Открывает год проекта (по умолчанию «500+» — федеральный координатор; с programmeId — год регионального проекта, его ведёт координатор субъекта). С copyFrom копирует настройки, сроки (со сдвигом на разницу лет), дни напоминаний, правило проверки, перечень факторов риска, правила значимости и критерии оценки регионов.",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: {
      year: t.arg.int({ validate: z.number().int().min(2020, "Год — от 2020").max(2100, "Год — до 2100"), description: "Год." }),
      copyFrom: t.arg.int({ required: false, description: "Год того же проекта, настройки и перечни которого скопировать." }),
      programmeId: t.arg.globalID({ for: ProgrammeNode, required: false, description: "Проект (по умолчанию — федеральный «500+»)." }),
      settings: t.arg({ type: YearSettingsInput, required: false, description: "Настройки (поверх скопированных)." }),
    },
    resolve: async (query, _r, args, ctx) => {
      const y = await createProgrammeYear(ctx, args.year, args.copyFrom ?? null, clean(args.settings), args.programmeId?.id ?? null);
      return ctx.db.programmeYear.findUniqueOrThrow({ ...query, where: { id: y.id } });
    },
  }),
  updateProgrammeYear: t.prismaField({
    type: "ProgrammeYear",
    description: "Меняет сроки и настройки года (кто ведёт проект); причина сохраняется в истории вместе со значениями до и после.",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: {
      id: t.arg.globalID({ for: ProgrammeYearNode, description: "Год проекта." }),
      settings: t.arg({ type: YearSettingsInput, description: "Что изменить." }),
      reason: t.arg.string({ validate: text(1000, "Причина"), description: "Причина изменения (обязательно)." }),
    },
    resolve: async (query, _r, args, ctx) => {
      await updateProgrammeYear(ctx, args.id.id, clean(args.settings), args.reason.trim());
      return ctx.db.programmeYear.findUniqueOrThrow({ ...query, where: { id: args.id.id } });
    },
  }),
  deleteProgrammeYear: t.boolean({
    description: "Удаляет год проекта, пока в нём нет участников и привязанных данных (кто ведёт проект).",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: { id: t.arg.globalID({ for: ProgrammeYearNode, description: "Год проекта." }) },
    resolve: (_r, args, ctx) => deleteProgrammeYear(ctx, args.id.id),
  }),
  saveRiskFactor: t.prismaField({
    type: "RiskFactor",
    description: "Добавляет фактор риска в перечень года или переименовывает фактор с этим номером (кто ведёт проект).",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: {
      programmeYearId: t.arg.globalID({ for: ProgrammeYearNode, description: "Год проекта." }),
      number: t.arg.int({ validate: z.number().int().min(1, "Номер — от 1").max(30, "Номер — до 30"), description: "Номер фактора в перечне." }),
      title: t.arg.string({ validate: text(300, "Наименование"), description: "Наименование." }),
      description: t.arg.string({ required: false, validate: z.string().max(2000, "Пояснение — не длиннее 2000 символов"), description: "Пояснение." }),
    },
    resolve: async (query, _r, args, ctx) => {
      const f = await saveRiskFactor(ctx, args.programmeYearId.id, args.number, args.title.trim(), args.description?.trim() || null);
      return ctx.db.riskFactor.findUniqueOrThrow({ ...query, where: { id: f.id } });
    },
  }),
  removeRiskFactor: t.boolean({
    description: "Убирает фактор из перечня года, пока он нигде не используется (кто ведёт проект).",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: { id: t.arg.globalID({ for: RiskFactorNode, description: "Фактор риска." }) },
    resolve: (_r, args, ctx) => removeRiskFactor(ctx, args.id.id),
  }),
  changeParticipationStatus: t.prismaField({
    type: "Participation",
    description:
      "Меняет статус участия: «Исключена» (причина), «Вышла из списка ШНОР» (дата и приказ или основание) или обратно «Участвует». Региональный координатор субъекта или федеральный; остаётся в истории.",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: ParticipationNode, description: "Участие." }),
      status: t.arg({ type: ParticipationStatusEnum, description: "Новый статус." }),
      reason: t.arg.string({ validate: text(1000, "Причина"), description: "Причина или приказ (обязательно)." }),
      date: t.arg({ type: "Date", required: false, description: "С какой даты (обязательно для выхода из списка ШНОР; по умолчанию — сегодня)." }),
    },
    resolve: async (query, _r, args, ctx) => {
      const p = await changeParticipationStatus(ctx, args.id.id, args.status, args.reason.trim(), args.date ?? null);
      return ctx.db.participation.findUniqueOrThrow({ ...query, where: { id: p.id } });
    },
  }),
}));
