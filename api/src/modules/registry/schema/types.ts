// Types of the registry imports: an import with its counts, its previewed rows (paged, filtered by
// outcome) and the problems of a rejected row; the invitations an applied onboarding hands out once.
import { builder } from "../../../builder.ts";
import { RegistryImportKind, RegistryRowOutcome } from "../../../../../prisma/generated/client/enums.ts";
import type { Problem } from "../kinds.ts";
import { rowOffset, rowPage } from "../validation.ts";

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

export const AddParticipantsResult = builder
  .objectRef<{ addedIds: string[]; alreadyListedIds: string[] }>("AddParticipantsResult")
  .implement({
    description: "Итог добавления школ из реестра в список участников года.",
    fields: (t) => ({
      added: t.prismaField({
        type: ["Participation"],
        description: "Добавленные участия.",
        resolve: (query, r, _a, ctx) => ctx.db.participation.findMany({ ...query, where: { id: { in: r.addedIds } } }),
      }),
      alreadyListed: t.prismaField({
        type: ["School"],
        description: "Школы, которые уже были в списке года (не добавлены второй раз).",
        resolve: (query, r, _a, ctx) => ctx.db.school.findMany({ ...query, where: { id: { in: r.alreadyListedIds } } }),
      }),
    }),
  });
