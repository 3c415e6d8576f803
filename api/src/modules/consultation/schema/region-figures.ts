// The coordinators' figures of the consultation line, by region.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { builder } from "../../../builder.ts";
import { regionsCovered } from "../../../auth/access.ts";
import { consultationFigures } from "../figures.ts";
import { overdueDays, programmeYear } from "../validation.ts";

const ConsultationRegionFiguresRef = builder.objectRef<Awaited<ReturnType<typeof consultationFigures>>[number]>("ConsultationRegionFigures").implement({
  description: "Показатели консультационной линии одного региона.",
  fields: (t) => ({
    regionId: t.id({
      nullable: true,
      description: "Глобальный id региона (пусто — вопросы федерального уровня без региона).",
      resolve: (r) => (r.regionId ? encodeGlobalID("Region", r.regionId) : null),
    }),
    regionName: t.exposeString("regionName", { description: "Регион." }),
    asked: t.exposeInt("asked", { description: "Задано вопросов." }),
    answered: t.exposeInt("answered", { description: "Отвечено." }),
    open: t.exposeInt("open", { description: "Ждут ответа (новые, в работе, переданные)." }),
    passedOn: t.exposeInt("passedOn", { description: "Передано на федеральный уровень." }),
    medianHoursToAnswer: t.float({ nullable: true, description: "Медиана времени до ответа, часов.", resolve: (r) => r.medianHoursToAnswer }),
    unansweredOverdue: t.exposeInt("unansweredOverdue", { description: "Без ответа дольше N дней." }),
  }),
});

// ---- mutations ----

builder.queryFields((t) => ({
  consultationFigures: t.withAuth({ signedIn: true }).field({
    type: [ConsultationRegionFiguresRef],
    description:
      "Показатели консультационной линии по регионам, которые пользователь курирует целиком (федеральный — все): вопросов задано и отвечено, медиана времени ответа, без ответа дольше N дней.",
    args: {
      overdueDays: t.arg.int({ required: false, validate: overdueDays, description: "N: сколько дней без ответа считать просрочкой (по умолчанию 5)." }),
      year: t.arg.int({ required: false, validate: programmeYear, description: "Год проекта." }),
    },
    resolve: (_r, args, ctx) => consultationFigures(ctx.db, { regions: regionsCovered(ctx.viewer.read), overdueDays: args.overdueDays ?? 5, year: args.year }),
  }),
}));
