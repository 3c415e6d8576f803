// Risk factors (reference data per programme year).
import { builder } from "../../builder.ts";
import { ProgrammeNode } from "../programme/programmes.ts";

export const RiskFactorNode = builder.prismaNode("RiskFactor", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Фактор риска низких образовательных результатов (по годам проекта).",
  fields: (t) => ({
    number: t.exposeInt("number", { description: "Номер фактора в перечне года." }),
    title: t.exposeString("title", { description: "Наименование фактора." }),
    description: t.exposeString("description", { nullable: true, description: "Пояснение." }),
    programmeYear: t.relation("programmeYear", { description: "Год проекта." }),
  }),
});

builder.queryFields((t) => ({
  riskFactors: t.prismaField({
    type: ["RiskFactor"],
    description: "Факторы риска года проекта (по умолчанию — последнего), по номеру; проект — федеральный «500+», если не указан другой.",
    authScopes: { signedIn: true },
    args: {
      year: t.arg.int({ required: false, description: "Год проекта." }),
      programmeId: t.arg.globalID({ for: ProgrammeNode, required: false, description: "Проект (по умолчанию — федеральный «500+»)." }),
    },
    resolve: async (query, _r, args, ctx) => {
      const programme = args.programmeId ? await ctx.db.programme.findFirst({ where: { AND: [{ id: args.programmeId.id }, programmeWhere(requireViewer(ctx).read)] }, select: { id: true } }) : null;
      if (args.programmeId && !programme) return [];
      const inProgramme = { programme: programme ? { id: programme.id } : FEDERAL_PROGRAMME };
      const year = args.year ?? (await ctx.db.programmeYear.findFirst({ where: inProgramme, orderBy: { year: "desc" }, select: { year: true } }))?.year;
      if (year == null) return [];
      return ctx.db.riskFactor.findMany({ ...query, where: { programmeYear: { year, ...inProgramme } }, orderBy: { number: "asc" } });
    },
  }),
}));

// ───────────── risk profiles ─────────────
// A participation's profile: each risk factor of the year with its significance and how it was reached,
// the three confirmations (school, curator, municipal coordinator), the risks chosen for work, history.

import { z } from "zod";
import { ConfirmingParty, Significance } from "../../../../prisma/generated/client/enums.ts";
import { DomainError } from "../../errors.ts";
import { canEditRiskProfile, programmeWhere, profilePartiesOf, type ProfileParty } from "../../auth/access.ts";
import { ChangeRecord, actorName, historyOf } from "../../shared/history.ts";
import { participationPlace } from "../roadmap/places.ts";
import { confirmRiskProfile, loadRiskProfile, setRiskChoice, updateRiskSignificance } from "./service.ts";
import { riskProfileInput, reasonText } from "./validation.ts";
import { ParticipationNode } from "../programme/schema.ts";
import { FEDERAL_PROGRAMME } from "../programme/years.ts";
import { requireViewer } from "../../auth/require-viewer.ts";

export const SignificanceEnum = builder.enumType(Significance, {
  name: "Significance",
  description: "Значимость фактора риска: высокая, средняя, низкая.",
});

export const ConfirmingPartyEnum = builder.enumType(ConfirmingParty, {
  name: "ConfirmingParty",
  description: "Сторона, подтверждающая рисковый профиль: школа, куратор, муниципальный координатор.",
});

const ALL_PARTIES: ProfileParty[] = ["SCHOOL", "CURATOR", "MUNICIPALITY"];

export const RiskProfileNode = builder.prismaNode("RiskProfile", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Рисковый профиль школы за год проекта: значимость каждого фактора риска и выбранные для работы риски.",
  authScopes: (p) => ({ canSeeParticipationId: p.participationId }),
  fields: (t) => ({
    participation: t.relation("participation", { description: "Участие школы в году проекта." }),
    verified: t.boolean({
      description: "«Верифицирован»: профиль подтвердили школа, куратор и муниципальный координатор.",
      select: { verifiedAt: true },
      resolve: (p) => !!p.verifiedAt,
    }),
    verifiedAt: t.expose("verifiedAt", { type: "DateTime", nullable: true, description: "Когда профиль стал верифицированным." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "Последнее изменение профиля." }),
    entries: t.relation("entries", {
      description: "Факторы риска профиля по номеру.",
      query: { orderBy: { riskFactor: { number: "asc" } } },
    }),
    confirmations: t.relation("confirmations", { description: "Полученные подтверждения.", query: { orderBy: { confirmedAt: "asc" } } }),
    missingParties: t.field({
      type: [ConfirmingPartyEnum],
      description: "Чьих подтверждений ещё не хватает для верификации.",
      select: { confirmations: { select: { party: true } } },
      resolve: (p) => ALL_PARTIES.filter((party) => !p.confirmations.some((c) => c.party === party)),
    }),
    viewerCanConfirmAs: t.field({
      type: [ConfirmingPartyEnum],
      description: "От имени каких сторон текущий пользователь может подтвердить профиль (ещё не подтвердивших).",
      select: { participationId: true, confirmations: { select: { party: true } } },
      resolve: async (p, _a, ctx) => {
        const place = await participationPlace(ctx, p.participationId);
        if (!place || !ctx.viewer) return [];
        return profilePartiesOf(ctx.viewer.act, place).filter((party) => !p.confirmations.some((c) => c.party === party));
      },
    }),
    viewerCanEdit: t.boolean({
      description: "Может ли текущий пользователь выбирать риски и менять значимость факторов.",
      select: { participationId: true },
      resolve: async (p, _a, ctx) => {
        const place = await participationPlace(ctx, p.participationId);
        return !!place && !!ctx.viewer && canEditRiskProfile(ctx.viewer.act, place);
      },
    }),
    history: t.field({
      type: [ChangeRecord],
      description: "История профиля: загрузка, подтверждения, выбор рисков, изменения значимости — кто, когда и почему.",
      resolve: (p, _a, ctx) => historyOf(ctx, "RiskProfile", p.id),
    }),
  }),
});

builder.prismaObject("RiskProfileEntry", {
  description: "Фактор риска в профиле школы.",
  fields: (t) => ({
    id: t.exposeID("id"),
    riskFactor: t.relation("riskFactor", { description: "Фактор риска." }),
    significance: t.expose("significance", { type: SignificanceEnum, description: "Значимость фактора для школы." }),
    explanation: t.exposeString("explanation", { nullable: true, description: "Как получена значимость (показатели анкетирования и пороги)." }),
    chosen: t.exposeBoolean("chosen", {
      description: "Выбран для работы; для каждого выбранного риска школа готовит Программу антирисковых мер.",
    }),
  }),
});

builder.prismaObject("RiskProfileConfirmation", {
  description: "Подтверждение профиля одной из сторон.",
  fields: (t) => ({
    party: t.expose("party", { type: ConfirmingPartyEnum, description: "Сторона." }),
    confirmedAt: t.expose("confirmedAt", { type: "DateTime", description: "Когда подтверждено." }),
    confirmedByName: t.string({
      nullable: true,
      description: "Кто подтвердил (ФИО).",
      select: { userId: true },
      resolve: async (c, _a, ctx) => (await actorName(ctx, c.userId)) ?? null,
    }),
  }),
});

builder.prismaObjectFields("Participation", (t) => ({
  riskProfile: t.relation("riskProfile", { nullable: true, description: "Рисковый профиль школы (пока не загружен — пусто)." }),
}));

const RiskProfileEntryInput = builder.inputType("RiskProfileEntryInput", {
  description: "Значимость одного фактора риска при загрузке профиля.",
  fields: (t) => ({
    riskFactorId: t.globalID({ for: RiskFactorNode, description: "Фактор риска года проекта." }),
    significance: t.field({ type: SignificanceEnum, description: "Значимость." }),
    explanation: t.string({ required: false, description: "Как получена значимость." }),
  }),
});

const LoadRiskProfileInput = builder.inputType("LoadRiskProfileInput", {
  description: "Профиль школы как данные (пока значимость не вычисляется из анкет).",
  fields: (t) => ({
    participationId: t.globalID({ for: ParticipationNode, description: "Участие школы." }),
    entries: t.field({ type: [RiskProfileEntryInput], description: "Каждый фактор риска года проекта ровно один раз." }),
  }),
});

const UpdateRiskSignificanceInput = builder.inputType("UpdateRiskSignificanceInput", {
  description: "Изменение значимости одного фактора риска.",
  fields: (t) => ({
    participationId: t.globalID({ for: ParticipationNode, description: "Участие школы." }),
    riskFactorId: t.globalID({ for: RiskFactorNode, description: "Фактор риска." }),
    significance: t.field({ type: SignificanceEnum, description: "Новая значимость." }),
    explanation: t.string({ required: false, description: "Как получена значимость." }),
    reason: t.string({ required: false, description: "Причина изменения; обязательна после верификации профиля." }),
  }),
});

const errors = { types: [DomainError] };

builder.mutationFields((t) => ({
  loadRiskProfile: t.field({
    type: RiskProfileNode,
    description: "Загружает рисковый профиль школы как данные (до верификации; повторная загрузка сохраняет выбор рисков и снимает подтверждения). Федеральный или региональный координатор.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: LoadRiskProfileInput, validate: riskProfileInput }) },
    resolve: (_r, { input }, ctx) =>
      loadRiskProfile(
        ctx,
        input.participationId.id,
        input.entries.map((e) => ({ riskFactorId: e.riskFactorId.id, significance: e.significance, explanation: e.explanation })),
      ),
  }),
  confirmRiskProfile: t.field({
    type: RiskProfileNode,
    description: "Подтверждает профиль от имени стороны (школа, куратор, муниципальный координатор). Когда подтвердили все три — профиль верифицирован. Нужен хотя бы один выбранный риск.",
    authScopes: { signedIn: true },
    errors,
    args: {
      participationId: t.arg.globalID({ for: ParticipationNode, description: "Участие школы." }),
      as: t.arg({ type: ConfirmingPartyEnum, required: false, description: "Сторона, если пользователь может выступать за несколько." }),
    },
    resolve: (_r, args, ctx) => confirmRiskProfile(ctx, args.participationId.id, args.as),
  }),
  setRiskChoice: t.field({
    type: RiskProfileNode,
    description: "Выбирает риски для работы (не меньше одного; по каждому — Программа антирисковых мер). Школа, куратор, муниципальный координатор; после верификации — с причиной.",
    authScopes: { signedIn: true },
    errors,
    args: {
      participationId: t.arg.globalID({ for: ParticipationNode, description: "Участие школы." }),
      riskFactorIds: t.arg.globalIDList({
        for: RiskFactorNode,
        description: "Выбранные факторы риска (все остальные перестают быть выбранными).",
        validate: z.array(z.any()).min(1, "Выберите хотя бы один фактор риска").max(30),
      }),
      reason: t.arg.string({ required: false, validate: reasonText, description: "Причина; обязательна после верификации." }),
    },
    resolve: (_r, args, ctx) =>
      setRiskChoice(
        ctx,
        args.participationId.id,
        args.riskFactorIds.map((g) => g.id),
        args.reason,
      ),
  }),
  updateRiskSignificance: t.field({
    type: RiskProfileNode,
    description: "Меняет значимость фактора риска; после верификации профиля причина обязательна и сохраняется в истории.",
    authScopes: { signedIn: true },
    errors,
    args: { input: t.arg({ type: UpdateRiskSignificanceInput }) },
    validate: z.object({ input: z.object({ explanation: z.string().max(5000, "Слишком длинное пояснение").nullish(), reason: reasonText }).passthrough() }),
    resolve: (_r, { input }, ctx) =>
      updateRiskSignificance(ctx, {
        participationId: input.participationId.id,
        riskFactorId: input.riskFactorId.id,
        significance: input.significance,
        explanation: input.explanation,
        reason: input.reason,
      }),
  }),
}));
