// A school of the registry edited by hand (the regional coordinator of its region, or federal).
import { builder } from "../../../builder.ts";
import { DomainError } from "../../../errors.ts";
import { MunicipalityNode } from "../../territory/schema.ts";
import { updateSchool } from "../manual.ts";
import { address, inn, name, ogrn } from "../validation.ts";
import { SchoolNode } from "../../school/schema.ts";

const errors = { types: [DomainError] };
const registrars = { federal: true, regionAdmin: true } as const;

const UpdateSchoolInput = builder.inputType("UpdateSchoolInput", {
  description: "Правка школы в реестре; незаполненные поля не меняются.",
  fields: (t) => ({
    fullName: t.string({ required: false, validate: name("Полное наименование", 1000), description: "Полное наименование." }),
    shortName: t.string({ required: false, validate: name("Краткое наименование", 300), description: "Краткое наименование." }),
    inn: t.string({ required: false, validate: inn, description: "ИНН (10 цифр, проверяется контрольная цифра)." }),
    ogrn: t.string({ required: false, validate: ogrn, description: "ОГРН (13 цифр, проверяется контрольная цифра)." }),
    address: t.string({ required: false, validate: address, description: "Адрес." }),
    canParticipate: t.boolean({ required: false, description: "Может быть участником проекта." }),
    canHostCurators: t.boolean({ required: false, description: "Школа кураторов." }),
    municipalityId: t.globalID({ for: MunicipalityNode, required: false, description: "Муниципалитет (того же субъекта)." }),
  }),
});

builder.mutationFields((t) => ({
  updateSchool: t.prismaField({
    type: "School",
    description: "Правит школу в реестре вручную (региональный координатор своего субъекта или федеральный); до и после — в истории.",
    authScopes: registrars,
    errors,
    args: {
      id: t.arg.globalID({ for: SchoolNode, description: "Школа." }),
      input: t.arg({ type: UpdateSchoolInput, description: "Что изменить." }),
    },
    resolve: async (query, _r, args, ctx) => {
      const i = args.input;
      const edit = Object.fromEntries(
        Object.entries({ ...i, municipalityId: i.municipalityId?.id, address: i.address === "" ? null : i.address }).filter(([, v]) => v !== undefined && (v !== null || false)),
      );
      await updateSchool(ctx, args.id.id, edit);
      return ctx.db.school.findUniqueOrThrow({ ...query, where: { id: args.id.id } });
    },
  }),
}));
