// PDFs in the API: links to the live PDFs of a roadmap, a risk profile and a school summary, and the
// dated copies stored on approval. The files themselves are served by pdf/files.ts with the same rules.
import { builder } from "../../builder.ts";
import { PdfKind } from "../../../../prisma/generated/client/enums.ts";
import { pdfCopyPath, profilePdfPath, roadmapPdfPath, summaryPdfPath } from "./files.ts";

const PdfKindEnum = builder.enumType(PdfKind, {
  name: "PdfKind",
  description: "Что напечатано в PDF: дорожная карта, рисковый профиль или справка о школе.",
});

/** Copies listed per page: enough for years of approvals, bounded for the page. */
const COPIES_MAX = 100;

builder.prismaObject("PdfSnapshot", {
  description: "Датированная копия PDF, сохранённая при принятии дорожной карты или документа; файл больше не меняется. На каждой странице напечатаны школа, дата, версия и статус.",
  authScopes: (s) => (s.participationId ? { canSeeParticipationId: s.participationId } : { canSeeRoadmapId: s.roadmapId! }),
  fields: (t) => ({
    id: t.exposeID("id"),
    kind: t.expose("kind", { type: PdfKindEnum, description: "Что напечатано." }),
    reason: t.exposeString("reason", { description: "Почему сохранена: «Дорожная карта принята (редакция 2)», «Принят документ: …»." }),
    versionLabel: t.exposeString("versionLabel", { description: "Версия, как напечатана на страницах." }),
    statusLabel: t.exposeString("statusLabel", { description: "Статус, как напечатан на страницах." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда сохранена." }),
    fileName: t.string({ description: "Имя файла.", select: { file: { select: { originalName: true } } }, resolve: (s) => s.file.originalName }),
    size: t.int({ description: "Размер файла в байтах.", select: { file: { select: { size: true } } }, resolve: (s) => s.file.size }),
    downloadUrl: t.string({
      description: "Ссылка для скачивания (с той же проверкой доступа, что и страница).",
      select: { file: { select: { originalName: true } } },
      resolve: (s) => pdfCopyPath(s.id, s.file.originalName),
    }),
  }),
});

builder.prismaObjectFields("Roadmap", (t) => ({
  pdfUrl: t.string({
    description: "Ссылка на PDF дорожной карты на сегодня (с датой, редакцией и статусом на каждой странице).",
    resolve: (r) => roadmapPdfPath(r.id),
  }),
  pdfCopies: t.relation("pdfSnapshots", {
    description: `Датированные копии PDF, сохранённые при принятии карты, новые сначала (не больше ${COPIES_MAX}).`,
    query: { where: { kind: "ROADMAP" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: COPIES_MAX },
  }),
}));

builder.prismaObjectFields("RiskProfile", (t) => ({
  pdfUrl: t.string({
    description: "Ссылка на PDF рискового профиля на сегодня.",
    resolve: (p) => profilePdfPath(p.participationId),
  }),
}));

builder.prismaObjectFields("Participation", (t) => ({
  summaryPdfUrl: t.string({
    description: "Ссылка на справку о школе (одна страница, PDF) на сегодня.",
    resolve: (p) => summaryPdfPath(p.id),
  }),
  pdfCopies: t.relation("pdfSnapshots", {
    description: `Датированные копии PDF этого участия (рисковый профиль, справка, дорожная карта), новые сначала (не больше ${COPIES_MAX}).`,
    args: { kind: t.arg({ type: PdfKindEnum, required: false, description: "Только копии этого вида." }) },
    query: (args) => ({
      where: args.kind ? { kind: args.kind } : {},
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: COPIES_MAX,
    }),
  }),
}));
