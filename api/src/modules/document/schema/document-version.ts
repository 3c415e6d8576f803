// An uploaded version of a document; versions are never overwritten.
import { builder } from "../../../builder.ts";
import { versionFilePath } from "../files.ts";
import { ActorRef, actorField } from "./actor.ts";
import { ReviewRef } from "./review.ts";
import { documentOwner, type ReviewRow } from "./rows.ts";

export const DocumentVersionNode = builder.prismaNode("DocumentVersion", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Загруженная версия документа; версии не перезаписываются и не удаляются.",
  include: { file: true, document: documentOwner },
  authScopes: (v) => ({ canSeeParticipation: { id: v.document.participationId, schoolId: v.document.participation.schoolId } }),
  fields: (t) => ({
    number: t.exposeInt("number", { description: "Номер версии (1, 2, …)." }),
    fileName: t.string({ description: "Исходное имя файла.", resolve: (v) => v.file.originalName }),
    size: t.int({ description: "Размер в байтах.", resolve: (v) => v.file.size }),
    mediaType: t.string({ description: "MIME-тип, определённый по содержимому.", resolve: (v) => v.file.mediaType }),
    sha256: t.string({ description: "SHA-256 содержимого (hex).", resolve: (v) => v.file.sha256 }),
    downloadUrl: t.string({
      description: "Путь для скачивания (/files/versions/<id>/<имя файла>); доступен тем, кто видит документ.",
      resolve: (v) => versionFilePath(v.id, v.file.originalName),
    }),
    uploadedAt: t.expose("uploadedAt", { type: "DateTime", description: "Когда загружена." }),
    uploadedBy: t.field({ type: ActorRef, nullable: true, description: "Кто загрузил.", resolve: (v, _a, ctx) => actorField(ctx, v.uploadedById) }),
    note: t.exposeString("note", { nullable: true, description: "Примечание к версии." }),
    submittedAt: t.expose("submittedAt", { type: "DateTime", nullable: true, description: "Когда отправлена на проверку." }),
    submittedBy: t.field({ type: ActorRef, nullable: true, description: "Кто отправил на проверку.", resolve: (v, _a, ctx) => actorField(ctx, v.submittedById) }),
    review: t.field({
      type: ReviewRef,
      nullable: true,
      description: "Решение по этой версии.",
      select: (_a, _c, nested) => ({ reviews: nested({ take: 1 }) }),
      resolve: (v) => (v.reviews[0] ?? null) as ReviewRow | null,
    }),
    document: t.relation("document", { description: "Документ." }),
  }),
});
