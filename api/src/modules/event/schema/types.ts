// Event types: the event with its audience, the viewer's invitation, figures; attendance rows; import results.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import { canManageEvent, canOverseeEvent } from "../../../auth/access.ts";
import { forbidden } from "../../../errors.ts";
import { AttendanceSource, EventKind, Role } from "../../../../../prisma/generated/client/enums.ts";
import { localDateTime } from "../../document/deadline.ts";
import { attendanceByTerritory, audienceLabel, type ImportResult, type ImportRow, type TerritoryFigure } from "../service.ts";
import { KIND_LABEL } from "../validation.ts";

export const EventKindEnum = builder.enumType(EventKind, {
  name: "EventKind",
  description: "Вид мероприятия: WEBINAR — вебинар, SEMINAR — семинар, CONFERENCE — совещание, CONSULTATION — консультация.",
});
export const AttendanceSourceEnum = builder.enumType(AttendanceSource, {
  name: "AttendanceSource",
  description: "Как отмечено участие: MANUAL — вручную, IMPORT — из выгрузки вебинарной площадки.",
});
export const AudienceRoleEnum = builder.enumType(Role, {
  name: "AudienceRole",
  description: "Роль приглашаемых.",
});

export const EventAudienceRef = builder.prismaObject("EventAudience", {
  description: "Строка аудитории мероприятия: все пользователи с ролью на территории.",
  fields: (t) => ({
    role: t.expose("role", { type: AudienceRoleEnum, description: "Роль." }),
    region: t.relation("region", { nullable: true, description: "Регион (пусто — все регионы)." }),
    municipality: t.relation("municipality", { nullable: true, description: "Муниципалитет (пусто — весь регион)." }),
    label: t.string({
      description: "По-русски: «кураторы — Забайкальский край».",
      select: { role: true, region: { select: { name: true } }, municipality: { select: { name: true } } },
      resolve: (a) => audienceLabel(a),
    }),
  }),
});

export const AttendanceRef = builder.prismaObject("Attendance", {
  description: "Приглашение на мероприятие и отметка об участии.",
  fields: (t) => ({
    id: t.id({ description: "Глобальный id.", resolve: (a) => encodeGlobalID("Attendance", a.id) }),
    userId: t.id({ description: "Глобальный id пользователя.", resolve: (a) => encodeGlobalID("User", a.userId) }),
    fullName: t.string({ description: "ФИО.", select: { user: { select: { fullName: true } } }, resolve: (a) => a.user.fullName }),
    email: t.string({ description: "Адрес почты.", select: { user: { select: { email: true } } }, resolve: (a) => a.user.email }),
    attended: t.exposeBoolean("attended", { description: "Принял(а) участие." }),
    source: t.expose("source", { type: AttendanceSourceEnum, nullable: true, description: "Как отмечено участие." }),
    markedAt: t.expose("markedAt", { type: "DateTime", nullable: true, description: "Когда отмечено." }),
  }),
});

export const TerritoryFigureRef = builder.objectRef<TerritoryFigure>("EventTerritoryFigure").implement({
  description: "Участие по территории: регион (федеральное мероприятие) или муниципалитет (региональное).",
  fields: (t) => ({
    territoryId: t.exposeString("territoryId", { description: "id территории (uuid)." }),
    name: t.exposeString("name", { description: "Название." }),
    invited: t.exposeInt("invited", { description: "Приглашено." }),
    attended: t.exposeInt("attended", { description: "Приняли участие." }),
  }),
});

export const EventNode = builder.prismaNode("Event", {
  id: { field: "id" },
  description: "Мероприятие (вебинар, семинар, совещание): приглашённые видят его и получают уведомление; координатор отмечает участие.",
  select: { id: true, regionId: true },
  authScopes: (e) => ({ canSeeEvent: { id: e.id, regionId: e.regionId } }),
  fields: (t) => ({
    kind: t.expose("kind", { type: EventKindEnum, description: "Вид." }),
    kindLabel: t.string({ description: "Вид по-русски.", select: { kind: true }, resolve: (e) => KIND_LABEL[e.kind] }),
    title: t.exposeString("title", { description: "Название." }),
    description: t.exposeString("description", { nullable: true, description: "Описание." }),
    startsAt: t.expose("startsAt", { type: "DateTime", description: "Начало (момент времени)." }),
    startsLocal: t.string({
      description: "Начало по местному времени региона, «ГГГГ-ММ-ДДTЧЧ:ММ».",
      select: { startsAt: true, timeZone: true },
      resolve: (e) => localDateTime(e.startsAt, e.timeZone),
    }),
    timeZone: t.exposeString("timeZone", { description: "Часовой пояс (IANA), в котором назначено." }),
    durationMinutes: t.exposeInt("durationMinutes", { description: "Длительность, минут." }),
    url: t.exposeString("url", { nullable: true, description: "Ссылка на подключение или запись." }),
    region: t.relation("region", { nullable: true, description: "Регион, проводящий мероприятие (пусто — федеральное)." }),
    year: t.int({ nullable: true, description: "Год проекта.", select: { programmeYear: { select: { year: true } } }, resolve: (e) => e.programmeYear?.year ?? null }),
    audience: t.relation("audience", { description: "Аудитория: роли и территории." }),
    invitedCount: t.relationCount("attendance", { description: "Приглашено." }),
    attendedCount: t.relationCount("attendance", { where: { attended: true }, description: "Приняли участие." }),
    viewerInvited: t.boolean({
      description: "Пользователь приглашён.",
      select: (_a, ctx) => ({ attendance: { where: { userId: ctx.viewer?.id ?? "00000000-0000-0000-0000-000000000000" }, select: { attended: true } } }),
      resolve: (e) => e.attendance.length > 0,
    }),
    viewerAttended: t.boolean({
      description: "Пользователь отмечен как участник.",
      select: (_a, ctx) => ({ attendance: { where: { userId: ctx.viewer?.id ?? "00000000-0000-0000-0000-000000000000" }, select: { attended: true } } }),
      resolve: (e) => e.attendance.some((a) => a.attended),
    }),
    viewerCanManage: t.boolean({
      description: "Пользователь может отмечать участие и загружать выгрузку.",
      resolve: (e, _a, ctx) => !!ctx.viewer && canManageEvent(ctx.viewer.act, e.regionId),
    }),
    attendance: t.relation("attendance", {
      description: "Приглашённые с отметками (координаторам региона мероприятия и федеральному уровню), по алфавиту; до 10 000.",
      query: { orderBy: { user: { fullName: "asc" } }, take: 10_000 },
      authScopes: (e, _a, ctx) => !!ctx.viewer && canOverseeEvent(ctx.viewer.read, e.regionId),
    }),
    byTerritory: t.field({
      type: [TerritoryFigureRef],
      description: "Участие по территориям (координаторам региона мероприятия и федеральному уровню).",
      resolve: (e, _a, ctx) => {
        if (!ctx.viewer || !canOverseeEvent(ctx.viewer.read, e.regionId)) throw forbidden("Сводка по территориям — координаторам мероприятия");
        return attendanceByTerritory(ctx, e);
      },
    }),
  }),
});

export const ImportRowRef = builder.objectRef<ImportRow>("AttendanceImportRow").implement({
  description: "Строка выгрузки участников вебинарной площадки.",
  fields: (t) => ({
    rowNumber: t.exposeInt("rowNumber", { description: "Номер строки в файле." }),
    email: t.exposeString("email", { description: "Адрес почты из файла." }),
    fullName: t.exposeString("fullName", { nullable: true, description: "ФИО найденного пользователя." }),
    problem: t.exposeString("problem", { nullable: true, description: "Почему строка не сопоставлена." }),
  }),
});

export const ImportResultRef = builder.objectRef<ImportResult>("AttendanceImportResult").implement({
  description: "Итог сопоставления выгрузки с приглашёнными по адресу почты.",
  fields: (t) => ({
    matched: t.field({ type: [ImportRowRef], description: "Сопоставленные строки.", resolve: (r) => r.matched }),
    unmatched: t.field({ type: [ImportRowRef], description: "Несопоставленные строки с причиной.", resolve: (r) => r.unmatched }),
    newlyAttended: t.exposeInt("newlyAttended", { description: "Сколько приглашённых будет (или было) отмечено впервые." }),
    applied: t.exposeBoolean("applied", { description: "Отметки записаны (false — только предпросмотр)." }),
  }),
});
