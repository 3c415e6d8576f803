// The event: its type with audience, the viewer's invitation and figures; the viewer's events (invited, or
// of the regions it oversees), one event; creating an event with its audience.
import { builder } from "../../../builder.ts";
import { canManageEvent, canOverseeEvent, eventWhere } from "../../../auth/access.ts";
import { forbidden, DomainError } from "../../../errors.ts";
import { EventKind, Role } from "../../../../../prisma/generated/client/enums.ts";
import { localDateTime } from "../../document/deadline.ts";
import { attendanceByTerritory, audienceLabel, type TerritoryFigure, createEvent } from "../service.ts";
import { KIND_LABEL, AUDIENCE_MAX, duration, eventDescription, eventTitle, eventUrl, localStart } from "../validation.ts";
import { z } from "zod";
import type { SignedInContext } from "../../../context.ts";
import type { Prisma } from "../../../db.ts";
import { MunicipalityNode, RegionNode } from "../../territory/schema.ts";

export const EventKindEnum = builder.enumType(EventKind, {
  name: "EventKind",
  description: "Вид мероприятия: WEBINAR — вебинар, SEMINAR — семинар, CONFERENCE — совещание, CONSULTATION — консультация.",
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

const errors = { types: [DomainError] };

const EventWhen = builder.enumType("EventWhen", {
  description: "Какие мероприятия показать по времени.",
  values: {
    UPCOMING: { description: "Предстоящие и идущие (начало не раньше, чем сутки назад), ближайшие сначала." },
    PAST: { description: "Прошедшие, недавние сначала." },
    ALL: { description: "Все, по дате начала." },
  } as const,
});

const EventFilter = builder.inputType("EventFilter", {
  description: "Фильтр мероприятий.",
  fields: (t) => ({
    when: t.field({ type: EventWhen, required: false, description: "Предстоящие, прошедшие или все (по умолчанию — все)." }),
    kind: t.field({ type: EventKindEnum, required: false, description: "Вид." }),
    invitedOnly: t.boolean({ required: false, description: "Только те, куда пригласили пользователя." }),
    text: t.string({ required: false, validate: z.string().max(200, "Поиск — до 200 символов"), description: "Слово из названия." }),
  }),
});

function eventsWhere(f: typeof EventFilter.$inferInput | null | undefined, ctx: SignedInContext): Prisma.EventWhereInput {
  const v = ctx.viewer;
  const dayAgo = new Date(Date.now() - 86_400_000);
  const text = f?.text?.trim();
  return {
    AND: [
      eventWhere(v.read, v.id),
      f?.when === "UPCOMING" ? { startsAt: { gte: dayAgo } } : f?.when === "PAST" ? { startsAt: { lt: dayAgo } } : {},
      f?.kind ? { kind: f.kind } : {},
      f?.invitedOnly ? { attendance: { some: { userId: v.id } } } : {},
      text ? { title: { contains: text, mode: "insensitive" as const } } : {},
    ],
  };
}

builder.queryFields((t) => ({
  events: t.withAuth({ signedIn: true }).prismaConnection({
    type: "Event",
    cursor: "id",
    description: "Мероприятия пользователя: куда он приглашён и (координаторам) мероприятия их региона; федеральному уровню — все.",
    maxSize: 200,
    args: { filter: t.arg({ type: EventFilter, required: false }) },
    totalCount: (_c, args, ctx) => ctx.db.event.count({ where: eventsWhere(args.filter, ctx) }),
    resolve: (query, _r, args, ctx) => ctx.db.event.findMany({ ...query, where: eventsWhere(args.filter, ctx), orderBy: [{ startsAt: args.filter?.when === "PAST" ? "desc" : "asc" }, { id: "asc" }] }),
  }),
  event: t.withAuth({ signedIn: true }).prismaField({
    type: "Event",
    nullable: true,
    description: "Мероприятие по глобальному id (если видно пользователю).",
    args: { id: t.arg.globalID({ for: EventNode }) },
    resolve: (query, _r, args, ctx) => ctx.db.event.findFirst({ ...query, where: { AND: [{ id: args.id.id }, eventWhere(ctx.viewer.read, ctx.viewer.id)] } }),
  }),
}));

const AudienceInput = builder.inputType("EventAudienceInput", {
  description: "Строка аудитории: роль и территория (муниципалитет, регион или все регионы).",
  fields: (t) => ({
    role: t.field({ type: AudienceRoleEnum, description: "Роль приглашаемых." }),
    regionId: t.globalID({ for: RegionNode, required: false, description: "Регион (пусто — все регионы; только для федерального мероприятия)." }),
    municipalityId: t.globalID({ for: MunicipalityNode, required: false, description: "Муниципалитет (пусто — весь регион)." }),
  }),
});

const CreateEventInput = builder.inputType("CreateEventInput", {
  description: "Новое мероприятие.",
  fields: (t) => ({
    kind: t.field({ type: EventKindEnum, description: "Вид." }),
    title: t.string({ validate: eventTitle, description: "Название (1–300 символов)." }),
    description: t.string({ required: false, validate: eventDescription, description: "Описание (до 5000 символов)." }),
    startsAt: t.string({ validate: localStart, description: "Начало по местному времени региона мероприятия (федерального — по московскому), «ГГГГ-ММ-ДДTЧЧ:ММ»." }),
    durationMinutes: t.int({ required: false, validate: duration, description: "Длительность, минут (по умолчанию 90)." }),
    url: t.string({ required: false, validate: eventUrl, description: "Ссылка на подключение." }),
    regionId: t.globalID({ for: RegionNode, required: false, description: "Регион, проводящий мероприятие (пусто — федеральное)." }),
    audience: t.field({
      type: [AudienceInput],
      validate: z.array(z.any()).min(1, "Выберите, кого пригласить").max(AUDIENCE_MAX, `Не больше ${AUDIENCE_MAX} строк аудитории`),
      description: "Кого пригласить (1–20 строк).",
    }),
  }),
});

builder.mutationFields((t) => ({
  createEvent: t.field({
    type: EventNode,
    description: "Создать мероприятие и пригласить аудиторию: каждый приглашённый видит его в «Мероприятиях» и получает уведомление EVENT_INVITED.",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: { input: t.arg({ type: CreateEventInput }) },
    resolve: async (_r, { input }, ctx) => {
      const audience = input.audience.map((a) => ({
        role: a.role,
        regionId: a.regionId?.id ?? null,
        municipalityId: a.municipalityId?.id ?? null,
      }));
      const e = await createEvent(ctx, { ...input, regionId: input.regionId?.id ?? null, audience });
      return ctx.db.event.findUniqueOrThrow({ where: { id: e.id } });
    },
  }),
}));
