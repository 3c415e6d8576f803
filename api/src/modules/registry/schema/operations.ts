// Registry operations: preview a file, read the preview, apply it; edit one school by hand; pick
// participants of a year from the registry by decree. Federal coordinators anywhere, regional ones
// in their region (checked again in the services).
import { z } from "zod";
import { builder } from "../../../builder.ts";
import { DomainError } from "../../../errors.ts";
import { MunicipalityNode, RegionNode } from "../../territory/schema.ts";
import { addParticipants, updateSchool } from "../manual.ts";
import { applyImport, loadImport, previewImport } from "../service.ts";
import { address, decreeNumber, inn, name, ogrn, picked } from "../validation.ts";
import { AddParticipantsResult, ApplyRegistryImportResult, RegistryImportKindEnum } from "./types.ts";

const errors = { types: [DomainError] };
const registrars = { federal: true, regionAdmin: true } as const;

const PreviewRegistryImportInput = builder.inputType("PreviewRegistryImportInput", {
  description: "Файл реестра (.xlsx или .csv в UTF-8/Windows-1251, разделитель «;» или «,») и где его применить.",
  fields: (t) => ({
    kind: t.field({ type: RegistryImportKindEnum, description: "Что загружается." }),
    file: t.field({ type: "File", description: "Файл .xlsx или .csv (до 25 МБ, до 60 000 строк)." }),
    regionId: t.globalID({ for: RegionNode, required: false, description: "Субъект (региональному координатору не нужен; федеральному без него — вся страна со столбцом «Код субъекта»)." }),
    year: t.int({ required: false, validate: z.number().int().min(2020).max(2100), description: "Год проекта (для участников и подключения)." }),
    programmeId: t.globalID({ required: false, description: "Проект года (по умолчанию — федеральный «500+»); в региональный проект попадают только школы его субъекта." }),
    decreeNumber: t.string({ required: false, validate: decreeNumber, description: "Номер приказа (для списка участников)." }),
    decreeDate: t.field({ type: "Date", required: false, description: "Дата приказа (для списка участников)." }),
  }),
});

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

const AddParticipantsInput = builder.inputType("AddParticipantsInput", {
  description: "Школы из реестра в список участников года по приказу.",
  fields: (t) => ({
    year: t.int({ validate: z.number().int().min(2020).max(2100), description: "Год проекта." }),
    programmeId: t.globalID({ required: false, description: "Проект года (по умолчанию — федеральный «500+»); в региональный проект попадают только школы его субъекта." }),
    schoolIds: t.globalIDList({ validate: picked, description: "Школы (не больше 500 за раз)." }),
    decreeNumber: t.string({ validate: decreeNumber, description: "Номер приказа." }),
    decreeDate: t.field({ type: "Date", description: "Дата приказа." }),
  }),
});

builder.queryFields((t) => ({
  registryImport: t.prismaField({
    type: "RegistryImport",
    nullable: true,
    description: "Загрузка реестра по id (своего субъекта; федеральному — любая).",
    authScopes: registrars,
    args: { id: t.arg.id({ validate: z.string().uuid("Неверный id загрузки"), description: "Идентификатор загрузки." }) },
    resolve: async (query, _r, args, ctx) => {
      await loadImport(ctx, ctx.viewer!, String(args.id));
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
    description: "Применяет просмотренную загрузку одной транзакцией: новые и изменённые строки записываются, отклонённые пропускаются. Если данные изменились после предпросмотра, ничего не записывается.",
    authScopes: registrars,
    errors,
    args: { id: t.arg.id({ validate: z.string().uuid("Неверный id загрузки"), description: "Идентификатор загрузки." }) },
    resolve: async (_r, args, ctx) => {
      const { id, output } = await applyImport(ctx, String(args.id));
      return { importId: id, invitations: output.invitations };
    },
  }),
  updateSchool: t.prismaField({
    type: "School",
    description: "Правит школу в реестре вручную (региональный координатор своего субъекта или федеральный); до и после — в истории.",
    authScopes: registrars,
    errors,
    args: {
      id: t.arg.globalID({ description: "Школа." }),
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
  addParticipants: t.field({
    type: AddParticipantsResult,
    description: "Добавляет выбранные в реестре школы в список участников года по приказу; школы, уже бывшие в списке, называются, но не дублируются.",
    authScopes: registrars,
    errors,
    args: { input: t.arg({ type: AddParticipantsInput, description: "Год, школы и приказ." }) },
    resolve: async (_r, { input }, ctx) => {
      const r = await addParticipants(ctx, input.year, input.schoolIds.map((g) => g.id), input.decreeNumber, input.decreeDate, input.programmeId?.id ?? null);
      return { addedIds: r.added.map((p) => p.id), alreadyListedIds: r.alreadyListed };
    },
  }),
}));
