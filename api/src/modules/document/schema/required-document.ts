// What a participation owes: the required documents with their state.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import type { DocumentKind } from "../../../../../prisma/generated/client/enums.ts";
import { endOfDayIn, isOverdue, owedDocuments } from "../deadline.ts";
import { documentTitle, NOT_UPLOADED_LABEL, STATUS_LABEL } from "../validation.ts";
import { DocumentKindEnum, DocumentNode, DocumentStatusEnum } from "./document.ts";
import type { DocumentRow } from "./rows.ts";

interface RequiredDocument {
  kind: DocumentKind;
  riskFactor: { id: string; number: number; title: string } | null;
  document: DocumentRow | null;
  deadline: Date;
}

const RequiredDocumentRef = builder.objectRef<RequiredDocument>("RequiredDocument").implement({
  description: "Документ, который школа должна представить в году проекта, с его состоянием.",
  fields: (t) => ({
    kind: t.field({ type: DocumentKindEnum, description: "Вид документа.", resolve: (r) => r.kind }),
    title: t.string({ description: "Название.", resolve: (r) => documentTitle(r.kind, r.riskFactor?.title) }),
    riskFactorId: t.id({
      nullable: true,
      description: "Глобальный id фактора риска (для антирисковой программы).",
      resolve: (r) => (r.riskFactor ? encodeGlobalID("RiskFactor", r.riskFactor.id) : null),
    }),
    riskFactorNumber: t.int({ nullable: true, description: "Номер фактора риска.", resolve: (r) => r.riskFactor?.number ?? null }),
    document: t.field({ type: DocumentNode, nullable: true, description: "Загруженный документ (нет — ещё не загружен).", resolve: (r) => r.document }),
    status: t.field({ type: DocumentStatusEnum, nullable: true, description: "Статус; пусто — не загружен.", resolve: (r) => r.document?.status ?? null }),
    statusLabel: t.string({
      description: "Статус по-русски, «не загружен» для отсутствующего.",
      resolve: (r) => (r.document ? STATUS_LABEL[r.document.status] : NOT_UPLOADED_LABEL),
    }),
    deadline: t.expose("deadline", { type: "DateTime", description: "Срок (конец дня по времени региона)." }),
    overdue: t.boolean({ description: "Просрочен: срок прошёл, а документ не отправлен (или возвращён и не отправлен снова).", resolve: (r) => isOverdue(r.deadline, r.document?.status ?? null) }),
  }),
});

/**
 * The planned query for the owed documents, plus what matching and status need. When the client
 * selects nothing under `document`, the plan is an empty `select`, which Prisma refuses.
 */
function withOwedFields<Q extends object>(q: Q): Q {
  const planned = q as { select?: object };
  if (!planned.select) return q;
  return { ...q, select: { ...planned.select, id: true, kind: true, riskFactorId: true, status: true } };
}

builder.prismaObjectFields("Participation", (t) => ({
  documents: t.relation("documents", {
    description: "Все документы участия (включая приложения к дорожной карте), по виду.",
    query: { orderBy: [{ kind: "asc" }, { createdAt: "asc" }, { id: "asc" }] },
  }),
  requiredDocuments: t.field({
    type: [RequiredDocumentRef],
    description:
      "Что школа должна представить: концепцию развития, среднесрочную программу и программу антирисковых мер по каждому фактору, выбранному в рисковом профиле, — со статусом, сроком и признаком просрочки.",
    args: { outstandingOnly: t.arg.boolean({ required: false, description: "Только ещё не принятые." }) },
    select: (_a, _c, nested) => ({
      programmeYear: { select: { conceptDocumentsDue: true } },
      school: { select: { municipality: { select: { region: { select: { timeZone: true } } } } } },
      riskProfile: { select: { entries: { where: { chosen: true }, select: { riskFactor: { select: { id: true, number: true, title: true } } } } } },
      documents: withOwedFields(nested({ orderBy: [{ kind: "asc" }, { createdAt: "asc" }, { id: "asc" }] }, ["document"])),
    }),
    resolve: (p, args) => {
      const deadline = endOfDayIn(p.programmeYear.conceptDocumentsDue, p.school.municipality.region.timeZone);
      const factors = new Map((p.riskProfile?.entries ?? []).map((e) => [e.riskFactor.id, e.riskFactor]));
      const owed = owedDocuments({ chosenRiskFactors: [...factors.values()], documents: p.documents as unknown as DocumentRow[] });
      return owed
        .map((o) => ({ kind: o.kind, riskFactor: o.riskFactorId ? factors.get(o.riskFactorId)! : null, document: o.document, deadline }))
        .filter((r) => !args.outstandingOnly || r.document?.status !== "APPROVED");
    },
  }),
}));
