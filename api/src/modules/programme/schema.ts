// Programme years, participations and curator assignments.
import { builder } from "../../builder.ts";
import { ProgrammeNode } from "./programmes.ts";
import { programmeWhere } from "../../auth/access.ts";
import { ParticipationStatus } from "../../../../prisma/generated/client/enums.ts";
import { requireViewer } from "../../auth/require-viewer.ts";

export const ParticipationStatusEnum = builder.enumType(ParticipationStatus, {
  name: "ParticipationStatus",
  description: "Статус участия школы в году проекта.",
});

export const ProgrammeYearNode = builder.prismaNode("ProgrammeYear", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Год проекта с его сроками и настройками.",
  select: { id: true, programmeId: true },
  // A regional programme's year is for that region's people and the federal level (see canSeeProgramme).
  authScopes: (y) => ({ canSeeProgrammeId: y.programmeId }),
  fields: (t) => ({
    year: t.exposeInt("year", { description: "Год (например, 2022)." }),
    title: t.exposeString("title", { description: "Название (например, «500+ 2022», «62+ 2026»): так год показывается в списках выбора." }),
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
    description: "Годы проектов, которые видит пользователь (федерального «500+» и проекта своего субъекта), новые сначала, в одном году федеральный первым; programmeId — годы одного проекта.",
    authScopes: { signedIn: true },
    args: { programmeId: t.arg.globalID({ for: ProgrammeNode, required: false, description: "Только годы этого проекта." }) },
    resolve: async (query, _r, args, ctx) => {
      const [rows, programmes] = await Promise.all([
        ctx.db.programmeYear.findMany({
          ...query,
          // The sort below needs the year and the programme whatever the client selected.
          ...("select" in query && query.select ? { select: { ...query.select, year: true, programmeId: true } } : {}),
          where: { programme: { AND: [programmeWhere(requireViewer(ctx).read), args.programmeId ? { id: args.programmeId.id } : {}] } },
          orderBy: [{ year: "desc" }, { title: "asc" }],
        }),
        ctx.db.programme.findMany({ where: { regionId: { not: null } }, select: { id: true } }),
      ]);
      // The federal year first within a year: the first year of the list stays the current one of «500+».
      const regional = new Set(programmes.map((p) => p.id));
      return rows.sort((a, b) => b.year - a.year || Number(regional.has(a.programmeId)) - Number(regional.has(b.programmeId)));
    },
  }),
}));
