// Event queries and mutations: the viewer's events (invited, or of the regions it oversees), one event;
// create, mark attendance, import attendance from a webinar platform's export (preview, then apply).
import { z } from "zod";
import { builder } from "../../../builder.ts";
import { eventWhere } from "../../../auth/access.ts";
import type { SignedInContext } from "../../../context.ts";
import type { Prisma } from "../../../db.ts";
import { DomainError } from "../../../errors.ts";
import { createEvent, importAttendance, markAttendance } from "../service.ts";
import { AUDIENCE_MAX, duration, eventDescription, eventTitle, eventUrl, localStart, MARKS_MAX } from "../validation.ts";
import { AudienceRoleEnum, EventKindEnum, EventNode, ImportResultRef } from "./types.ts";
import { MunicipalityNode, RegionNode } from "../../territory/schema.ts";
import { UserNode } from "../../user/schema.ts";

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
    resolve: (query, _r, args, ctx) =>
      ctx.db.event.findMany({ ...query, where: eventsWhere(args.filter, ctx), orderBy: [{ startsAt: args.filter?.when === "PAST" ? "desc" : "asc" }, { id: "asc" }] }),
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

const MarkInput = builder.inputType("AttendanceMarkInput", {
  description: "Отметка участия одного приглашённого.",
  fields: (t) => ({
    userId: t.globalID({ for: UserNode, description: "Пользователь." }),
    attended: t.boolean({ description: "Принял(а) участие." }),
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
  markAttendance: t.field({
    type: EventNode,
    description: "Отметить участие приглашённых вручную (до 500 отметок за раз).",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: {
      eventId: t.arg.globalID({ for: EventNode, description: "Мероприятие." }),
      marks: t.arg({ type: [MarkInput], validate: z.array(z.any()).min(1, "Нет отметок").max(MARKS_MAX, `Не больше ${MARKS_MAX} отметок за раз`), description: "Отметки." }),
    },
    resolve: async (_r, args, ctx) => {
      const marks = args.marks.map((m) => ({ userId: m.userId.id, attended: m.attended }));
      await markAttendance(ctx, args.eventId.id, marks);
      return ctx.db.event.findUniqueOrThrow({ where: { id: args.eventId.id } });
    },
  }),
  importAttendance: t.field({
    type: ImportResultRef,
    description:
      "Загрузить выгрузку участников вебинарной площадки (.csv или .xlsx): строки сопоставляются с приглашёнными по адресу почты. apply: false — предпросмотр; true — отметить сопоставленных.",
    authScopes: { federal: true, regionAdmin: true },
    errors,
    args: {
      eventId: t.arg.globalID({ for: EventNode, description: "Мероприятие." }),
      file: t.arg({ type: "File", description: "Выгрузка (.csv UTF-8 или Windows-1251, либо .xlsx)." }),
      apply: t.arg.boolean({ description: "Записать отметки (false — только предпросмотр)." }),
    },
    resolve: (_r, args, ctx) => importAttendance(ctx, args.eventId.id, args.file as File, args.apply),
  }),
}));
