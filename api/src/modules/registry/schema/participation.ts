// Participants of a year picked from the registry by decree.
import { ProgrammeNode } from "../../programme/programmes.ts";
import { builder } from "../../../builder.ts";
import { z } from "zod";
import { DomainError } from "../../../errors.ts";
import { addParticipants } from "../manual.ts";
import { decreeNumber, picked } from "../validation.ts";
import { SchoolNode } from "../../school/schema.ts";

const errors = { types: [DomainError] };
const registrars = { federal: true, regionAdmin: true } as const;

export const AddParticipantsResult = builder.objectRef<{ addedIds: string[]; alreadyListedIds: string[] }>("AddParticipantsResult").implement({
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

const AddParticipantsInput = builder.inputType("AddParticipantsInput", {
  description: "Школы из реестра в список участников года по приказу.",
  fields: (t) => ({
    year: t.int({ validate: z.number().int().min(2020).max(2100), description: "Год проекта." }),
    programmeId: t.globalID({ for: ProgrammeNode, required: false, description: "Проект года (по умолчанию — федеральный «500+»); в региональный проект попадают только школы его субъекта." }),
    schoolIds: t.globalIDList({ for: SchoolNode, validate: picked, description: "Школы (не больше 500 за раз)." }),
    decreeNumber: t.string({ validate: decreeNumber, description: "Номер приказа." }),
    decreeDate: t.field({ type: "Date", description: "Дата приказа." }),
  }),
});

builder.mutationFields((t) => ({
  addParticipants: t.field({
    type: AddParticipantsResult,
    description: "Добавляет выбранные в реестре школы в список участников года по приказу; школы, уже бывшие в списке, называются, но не дублируются.",
    authScopes: registrars,
    errors,
    args: { input: t.arg({ type: AddParticipantsInput, description: "Год, школы и приказ." }) },
    resolve: async (_r, { input }, ctx) => {
      const r = await addParticipants(
        ctx,
        input.year,
        input.schoolIds.map((g) => g.id),
        input.decreeNumber,
        input.decreeDate,
        input.programmeId?.id ?? null,
      );
      return { addedIds: r.added.map((p) => p.id), alreadyListedIds: r.alreadyListed };
    },
  }),
}));
