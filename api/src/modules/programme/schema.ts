// Programme years, participations and curator assignments.
import { builder } from "../../builder.ts";
import { ParticipationStatus } from "../../../../prisma/generated/client/enums.ts";

export const ParticipationStatusEnum = builder.enumType(ParticipationStatus, {
  name: "ParticipationStatus",
  description: "Статус участия школы в году проекта.",
});

export const ProgrammeYearNode = builder.prismaNode("ProgrammeYear", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Год проекта с его сроками и настройками.",
  select: { id: true },
  fields: (t) => ({
    year: t.exposeInt("year", { description: "Год (например, 2022)." }),
    title: t.exposeString("title", { description: "Название (например, «500+ 2022»)." }),
    conceptDocumentsDue: t.expose("conceptDocumentsDue", { type: "Date", description: "Срок концептуальных документов (включительно, по местному времени региона)." }),
    roadmapDue: t.expose("roadmapDue", { type: "Date", nullable: true, description: "Срок дорожной карты." }),
    measureDueSoonDays: t.exposeInt("measureDueSoonDays", { description: "За сколько дней предупреждать о сроке мероприятия." }),
    documentsDueSoonDays: t.exposeInt("documentsDueSoonDays", { description: "За сколько дней предупреждать о сроке документов." }),
    reviewWaitDays: t.exposeInt("reviewWaitDays", { description: "Сколько дней документ может ждать проверки без напоминания." }),
    coordinatorsMayReview: t.exposeBoolean("coordinatorsMayReview", { description: "Координаторы могут принимать решения по документам вместо куратора." }),
    roadmapAssistedEditing: t.exposeBoolean("roadmapAssistedEditing", {
      description: "Куратор и координаторы могут править дорожную карту школы, пока школа сама просит об этом (Roadmap.editHelpRequested).",
    }),
    riskFactors: t.relation("riskFactors", { description: "Факторы риска этого года.", query: { orderBy: { number: "asc" } } }),
  }),
});

export const ParticipationNode = builder.prismaNode("Participation", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Участие школы в году проекта.",
  select: { id: true, schoolId: true },
  authScopes: (p) => ({ canSeeParticipation: { id: p.id, schoolId: p.schoolId } }),
  fields: (t) => ({
    school: t.relation("school", { description: "Школа." }),
    programmeYear: t.relation("programmeYear", { description: "Год проекта." }),
    decree: t.exposeString("decree", { nullable: true, description: "Приказ о включении в проект." }),
    status: t.expose("status", { type: ParticipationStatusEnum, description: "Статус участия." }),
    lastActivityAt: t.expose("lastActivityAt", { type: "DateTime", description: "Последняя активность школы." }),
    curators: t.relation("curators", { description: "Назначенные кураторы." }),
  }),
});

builder.prismaObject("CuratorAssignment", {
  description: "Назначение куратора школе на год.",
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID("id"),
    curator: t.relation("curator", { description: "Куратор." }),
    assignedAt: t.expose("assignedAt", { type: "DateTime", description: "Когда назначен." }),
  }),
});

builder.queryFields((t) => ({
  programmeYears: t.prismaField({
    type: ["ProgrammeYear"],
    description: "Годы проекта, новые сначала (справочник, доступен всем вошедшим).",
    authScopes: { signedIn: true },
    resolve: (query, _r, _a, ctx) => ctx.db.programmeYear.findMany({ ...query, orderBy: { year: "desc" } }),
  }),
}));
