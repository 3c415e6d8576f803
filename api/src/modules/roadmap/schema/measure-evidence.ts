// Evidence that a measure is done (a file or a link), and attaching it.
import { z } from "zod";
import { builder } from "../../../builder.ts";
import { actorName } from "../../../shared/history.ts";
import { addMeasureEvidenceFile, addMeasureEvidenceLink } from "../service.ts";
import { evidenceNote, evidenceUrl } from "../validation.ts";
import { errors, measureById, MeasureNode } from "./measure.ts";

/** The download path of an evidence file. */
export const evidenceFilePath = (evidenceId: string) => `/files/evidence/${evidenceId}`;

builder.prismaObject("MeasureEvidence", {
  description: "Подтверждение выполнения мероприятия: файл или ссылка.",
  fields: (t) => ({
    id: t.exposeID("id"),
    url: t.exposeString("url", { nullable: true, description: "Ссылка (для подтверждения-ссылки)." }),
    note: t.exposeString("note", { nullable: true, description: "Пояснение." }),
    fileName: t.string({
      nullable: true,
      description: "Имя файла (для подтверждения-файла).",
      select: { file: { select: { originalName: true } } },
      resolve: (e) => e.file?.originalName ?? null,
    }),
    fileSize: t.int({
      nullable: true,
      description: "Размер файла в байтах.",
      select: { file: { select: { size: true } } },
      resolve: (e) => e.file?.size ?? null,
    }),
    downloadUrl: t.string({
      nullable: true,
      description: "Ссылка для скачивания файла.",
      select: { fileId: true },
      resolve: (e) => (e.fileId ? evidenceFilePath(e.id) : null),
    }),
    addedByName: t.string({
      nullable: true,
      description: "Кто приложил (ФИО).",
      select: { addedById: true },
      resolve: async (e, _a, ctx) => (await actorName(ctx, e.addedById)) ?? null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда приложено." }),
  }),
});

builder.mutationFields((t) => ({
  addMeasureEvidence: t.field({
    type: MeasureNode,
    description: "Прикладывает подтверждение выполнения: ссылку (url) или файл (file, multipart) — файлы проходят те же проверки и хранилище, что и документы (размер, формат по содержимому).",
    authScopes: { signedIn: true },
    errors,
    args: {
      measureId: t.arg.globalID({ for: MeasureNode, description: "Мероприятие." }),
      url: t.arg.string({ required: false, validate: evidenceUrl, description: "Ссылка-подтверждение." }),
      file: t.arg({ type: "File", required: false, description: "Файл-подтверждение: PDF, DOC, DOCX, ODT, XLS, XLSX, ODS или RTF." }),
      note: t.arg.string({ required: false, validate: evidenceNote, description: "Пояснение." }),
    },
    validate: z
      .object({ url: z.string().nullish(), file: z.unknown().optional() })
      .passthrough()
      .refine((a) => !!a.url !== !!a.file, { message: "Приложите либо ссылку (url), либо файл (file)" }),
    resolve: async (_r, args, ctx) =>
      measureById(ctx, (args.file ? await addMeasureEvidenceFile(ctx, args.measureId.id, args.file, args.note) : await addMeasureEvidenceLink(ctx, args.measureId.id, args.url!, args.note)).id),
  }),
}));
