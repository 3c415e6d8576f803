// A registry import: the previewed file with its counts, its rows (paged, filtered by outcome) and the
// problems of a rejected row, the invitations an applied onboarding hands out once; preview, read, apply.
// Federal coordinators anywhere, regional ones in their region (checked again in the services).
import { ProgrammeNode } from "../../programme/programmes.ts";
import { builder } from "../../../builder.ts";
import { RegistryImportKind, RegistryRowOutcome } from "../../../../../prisma/generated/client/enums.ts";
import type { Problem } from "../kinds.ts";
import { rowOffset, rowPage, decreeNumber } from "../validation.ts";
import { z } from "zod";
import { DomainError } from "../../../errors.ts";
import { RegionNode } from "../../territory/schema.ts";
import { applyImport, loadImport, previewImport } from "../service.ts";

const errors = { types: [DomainError] };
const registrars = { federal: true, regionAdmin: true } as const;

export const RegistryImportKindEnum = builder.enumType(RegistryImportKind, {
  name: "RegistryImportKind",
  description: "Что загружается: реестр школ, муниципалитеты, участники года по приказу или подключение школ.",
});

export const RegistryRowOutcomeEnum = builder.enumType(RegistryRowOutcome, {
  name: "RegistryRowOutcome",
  description: "Как предпросмотр оценил строку: новая, изменённая, без изменений или отклонённая.",
});

export const RegistryRowProblem = builder.objectRef<Problem>("RegistryRowProblem").implement({
  description: "Почему строка отклонена: столбец и причина.",
  fields: (t) => ({
    column: t.exposeString("column", { nullable: true, description: "Заголовок столбца, как в файле." }),
    message: t.exposeString("message", { description: "Причина на русском языке." }),
  }),
});

/** What a row is called on screen, whatever its kind. */
function labelOf(data: unknown): string {
  const d = (data ?? {}) as Record<string, unknown>;
  const pick = (...keys: string[]) => keys.map((k) => d[k]).find((v) => typeof v === "string" && v) as string | undefined;
  return pick("shortName", "schoolName", "name", "fullName", "inn", "schoolEmail") ?? "—";
}

builder.prismaObject("RegistryImportRow", {
  description: "Строка загруженного файла, как её оценил предпросмотр.",
  fields: (t) => ({
    rowNumber: t.exposeInt("rowNumber", { description: "Номер строки в файле (заголовок — строка 1)." }),
    outcome: t.expose("outcome", { type: RegistryRowOutcomeEnum, description: "Оценка строки." }),
    label: t.string({ description: "Краткое наименование школы, муниципалитета или ИНН — чем строка названа.", resolve: (r) => labelOf(r.data) }),
    data: t.expose("data", { type: "JSON", description: "Значения строки (приведённые к единому виду)." }),
    changes: t.expose("changes", { type: "JSON", nullable: true, description: "Что изменится: { поле: [было, станет] }." }),
    problems: t.field({
      type: [RegistryRowProblem],
      description: "Причины отклонения (пусто для принятых строк).",
      resolve: (r) => (Array.isArray(r.problems) ? (r.problems as unknown as Problem[]) : []),
    }),
  }),
});

export const RegistryImportRef = builder.prismaObject("RegistryImport", {
  description: "Загрузка файла реестра: сначала предпросмотр, затем (после подтверждения) применение одной транзакцией.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Идентификатор загрузки." }),
    kind: t.expose("kind", { type: RegistryImportKindEnum, description: "Что загружается." }),
    fileName: t.exposeString("fileName", { description: "Имя файла." }),
    decree: t.exposeString("decree", { nullable: true, description: "Приказ (для списка участников)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "Когда загружен." }),
    appliedAt: t.expose("appliedAt", { type: "DateTime", nullable: true, description: "Когда применён (пусто — ещё предпросмотр)." }),
    newCount: t.exposeInt("newCount", { description: "Новых строк." }),
    changedCount: t.exposeInt("changedCount", { description: "Изменённых строк." }),
    unchangedCount: t.exposeInt("unchangedCount", { description: "Строк без изменений." }),
    rejectedCount: t.exposeInt("rejectedCount", { description: "Отклонённых строк." }),
    rows: t.relation("rows", {
      description: "Строки предпросмотра по номеру, с фильтром по оценке; не больше 500 за раз.",
      args: {
        outcome: t.arg({ type: RegistryRowOutcomeEnum, required: false, description: "Только строки с этой оценкой." }),
        offset: t.arg.int({ required: false, validate: rowOffset, description: "Сколько строк пропустить." }),
        limit: t.arg.int({ required: false, validate: rowPage, description: "Сколько строк вернуть (по умолчанию 100)." }),
      },
      query: (args) => ({
        where: args.outcome ? { outcome: args.outcome } : {},
        orderBy: { rowNumber: "asc" },
        skip: args.offset ?? 0,
        take: args.limit ?? 100,
      }),
    }),
  }),
});

export interface InvitationLine {
  email: string;
  fullName: string;
  role: string;
  schoolName: string;
  invitationPath: string;
}

export const OnboardingInvitation = builder.objectRef<InvitationLine>("OnboardingInvitation").implement({
  description: "Приглашение созданной учётной записи: ссылка показывается один раз (до подключения почты — для рассылки координатором).",
  fields: (t) => ({
    email: t.exposeString("email", { description: "E-mail учётной записи." }),
    fullName: t.exposeString("fullName", { description: "ФИО или наименование." }),
    role: t.exposeString("role", { description: "Роль: SCHOOL или CURATOR." }),
    schoolName: t.exposeString("schoolName", { description: "Школа-участник, ради которой создана запись." }),
    invitationPath: t.exposeString("invitationPath", { description: "Путь ссылки-приглашения, например /invite/…" }),
  }),
});

export const ApplyRegistryImportResult = builder
  .objectRef<{ importId: string; invitations: InvitationLine[]; profiles: { created: number; levelChanged: number; refreshed: number } | null }>("ApplyRegistryImportResult")
  .implement({
    description: "Итог применения загрузки.",
    fields: (t) => ({
      import: t.prismaField({
        type: "RegistryImport",
        description: "Применённая загрузка.",
        resolve: (query, r, _a, ctx) => ctx.db.registryImport.findUniqueOrThrow({ ...query, where: { id: r.importId } }),
      }),
      invitations: t.field({ type: [OnboardingInvitation], description: "Приглашения созданных учётных записей (только при подключении школ).", resolve: (r) => r.invitations }),
      profilesCreated: t.int({ nullable: true, description: "Результаты анкетирования: сколько рисковых профилей рассчитано впервые.", resolve: (r) => r.profiles?.created ?? null }),
      profilesLevelChanged: t.int({
        nullable: true,
        description: "Результаты анкетирования: в скольких профилях изменилась значимость (подтверждения сняты, стороны уведомлены).",
        resolve: (r) => r.profiles?.levelChanged ?? null,
      }),
    }),
  });

const PreviewRegistryImportInput = builder.inputType("PreviewRegistryImportInput", {
  description: "Файл реестра (.xlsx или .csv в UTF-8/Windows-1251, разделитель «;» или «,») и где его применить.",
  fields: (t) => ({
    kind: t.field({ type: RegistryImportKindEnum, description: "Что загружается." }),
    file: t.field({ type: "File", description: "Файл .xlsx или .csv (до 25 МБ, до 60 000 строк)." }),
    regionId: t.globalID({ for: RegionNode, required: false, description: "Субъект (региональному координатору не нужен; федеральному без него — вся страна со столбцом «Код субъекта»)." }),
    year: t.int({ required: false, validate: z.number().int().min(2020).max(2100), description: "Год проекта (для участников, подключения и результатов анкетирования)." }),
    programmeId: t.globalID({ for: ProgrammeNode, required: false, description: "Проект года (по умолчанию — федеральный «500+»); в региональный проект попадают только школы его субъекта." }),
    decreeNumber: t.string({ required: false, validate: decreeNumber, description: "Номер приказа (для списка участников)." }),
    decreeDate: t.field({ type: "Date", required: false, description: "Дата приказа (для списка участников)." }),
  }),
});

builder.queryFields((t) => ({
  registryImport: t.withAuth(registrars).prismaField({
    type: "RegistryImport",
    nullable: true,
    description: "Загрузка реестра по id (своего субъекта; федеральному — любая).",
    args: { id: t.arg.id({ validate: z.string().uuid("Неверный id загрузки"), description: "Идентификатор загрузки." }) },
    resolve: async (query, _r, args, ctx) => {
      await loadImport(ctx, ctx.viewer, String(args.id));
      return ctx.db.registryImport.findUnique({ ...query, where: { id: String(args.id) } });
    },
  }),
}));

builder.mutationFields((t) => ({
  previewRegistryImport: t.prismaField({
    type: "RegistryImport",
    description: "Читает файл и показывает, что изменится: новые, изменённые, без изменений и отклонённые строки (с номером строки, столбцом и причиной). Ничего, кроме самой загрузки, не записывает.",
    authScopes: registrars,
    errors,
    args: { input: t.arg({ type: PreviewRegistryImportInput, description: "Файл и параметры." }) },
    resolve: async (query, _r, { input }, ctx) => {
      const { id } = await previewImport(ctx, {
        kind: input.kind,
        file: input.file,
        regionId: input.regionId?.id ?? null,
        year: input.year ?? null,
        programmeId: input.programmeId?.id ?? null,
        decreeNumber: input.decreeNumber ?? null,
        decreeDate: input.decreeDate ?? null,
      });
      return ctx.db.registryImport.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
  applyRegistryImport: t.field({
    type: ApplyRegistryImportResult,
    description:
      "Применяет просмотренную загрузку одной транзакцией: новые и изменённые строки записываются, отклонённые пропускаются. Если данные изменились после предпросмотра, ничего не записывается.",
    authScopes: registrars,
    errors,
    args: { id: t.arg.id({ validate: z.string().uuid("Неверный id загрузки"), description: "Идентификатор загрузки." }) },
    resolve: async (_r, args, ctx) => {
      const { id, output } = await applyImport(ctx, String(args.id));
      return { importId: id, invitations: output.invitations, profiles: output.profiles ?? null };
    },
  }),
}));
