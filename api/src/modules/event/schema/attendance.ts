// Attendance: the invitation rows with their marks; marking by hand and importing a webinar platform's
// export of participants (preview, then apply).
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import { AttendanceSource } from "../../../../../prisma/generated/client/enums.ts";
import { type ImportResult, type ImportRow, importAttendance, markAttendance } from "../service.ts";
import { z } from "zod";
import { DomainError } from "../../../errors.ts";
import { MARKS_MAX } from "../validation.ts";
import { EventNode } from "./event.ts";
import { UserNode } from "../../user/schema.ts";

export const AttendanceSourceEnum = builder.enumType(AttendanceSource, {
  name: "AttendanceSource",
  description: "Как отмечено участие: MANUAL — вручную, IMPORT — из выгрузки вебинарной площадки.",
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

const errors = { types: [DomainError] };

const MarkInput = builder.inputType("AttendanceMarkInput", {
  description: "Отметка участия одного приглашённого.",
  fields: (t) => ({
    userId: t.globalID({ for: UserNode, description: "Пользователь." }),
    attended: t.boolean({ description: "Принял(а) участие." }),
  }),
});

builder.mutationFields((t) => ({
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
