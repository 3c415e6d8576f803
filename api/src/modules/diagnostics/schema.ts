// Risk factors (reference data per programme year).
import { builder } from "../../builder.ts";

builder.prismaNode("RiskFactor", {
  id: { field: "id" },
  description: "Фактор риска низких образовательных результатов (по годам проекта).",
  fields: (t) => ({
    number: t.exposeInt("number", { description: "Номер фактора в перечне года." }),
    title: t.exposeString("title", { description: "Наименование фактора." }),
    description: t.exposeString("description", { nullable: true, description: "Пояснение." }),
    programmeYear: t.relation("programmeYear", { description: "Год проекта." }),
  }),
});

builder.queryFields((t) => ({
  riskFactors: t.prismaField({
    type: ["RiskFactor"],
    description: "Факторы риска года проекта (по умолчанию — последнего), по номеру.",
    authScopes: { signedIn: true },
    args: { year: t.arg.int({ required: false, description: "Год проекта." }) },
    resolve: async (query, _r, args, ctx) => {
      const year = args.year ?? (await ctx.db.programmeYear.findFirst({ orderBy: { year: "desc" }, select: { year: true } }))?.year;
      if (year == null) return [];
      return ctx.db.riskFactor.findMany({ ...query, where: { programmeYear: { year } }, orderBy: { number: "asc" } });
    },
  }),
}));
