// `search`: the shell's search box — schools, people and documents the viewer may see, a few of each.
import { builder } from "../../builder.ts";
import { schoolSearchWhere, documentSearchWhere, userSearchWhere } from "./service.ts";
import { searchLimit, searchText } from "./validation.ts";

interface SearchArgs {
  text: string;
  first: number;
}

const SearchResults = builder.objectRef<SearchArgs>("SearchResults").implement({
  description: "Найденное по запросу: школы, люди и документы в пределах доступа пользователя.",
  fields: (t) => ({
    text: t.exposeString("text", { description: "Запрос, как он понят (без пробелов по краям)." }),
    schools: t.prismaField({
      type: ["School"],
      description: "Школы: по краткому или полному наименованию, по ИНН.",
      resolve: (q, a, _args, ctx) => ctx.db.school.findMany({ ...q, where: schoolSearchWhere(ctx, a.text), orderBy: [{ shortName: "asc" }, { id: "asc" }], take: a.first }),
    }),
    schoolsCount: t.int({ description: "Сколько всего школ найдено.", resolve: (a, _args, ctx) => ctx.db.school.count({ where: schoolSearchWhere(ctx, a.text) }) }),
    people: t.prismaField({
      type: ["User"],
      description: "Люди: по ФИО или e-mail.",
      resolve: (q, a, _args, ctx) => ctx.db.user.findMany({ ...q, where: userSearchWhere(ctx, a.text), orderBy: [{ fullName: "asc" }, { id: "asc" }], take: a.first }),
    }),
    peopleCount: t.int({ description: "Сколько всего людей найдено.", resolve: (a, _args, ctx) => ctx.db.user.count({ where: userSearchWhere(ctx, a.text) }) }),
    documents: t.prismaField({
      type: ["Document"],
      description: "Документы: по виду («концепция»), по фактору риска антирисковой программы, по имени файла; новые первыми.",
      resolve: (q, a, _args, ctx) => ctx.db.document.findMany({ ...q, where: documentSearchWhere(ctx, a.text), orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: a.first }),
    }),
    documentsCount: t.int({ description: "Сколько всего документов найдено.", resolve: (a, _args, ctx) => ctx.db.document.count({ where: documentSearchWhere(ctx, a.text) }) }),
  }),
});

builder.queryFields((t) => ({
  search: t.field({
    type: SearchResults,
    description: "Поиск по школам, людям и документам в пределах доступа пользователя (строка поиска в шапке).",
    authScopes: { signedIn: true },
    args: {
      text: t.arg.string({ validate: searchText, description: "Что искать: от 2 до 100 символов." }),
      first: t.arg.int({ required: false, defaultValue: 10, validate: searchLimit, description: "Сколько результатов каждого вида (до 25)." }),
    },
    resolve: (_r, args) => ({ text: args.text.trim(), first: args.first ?? 10 }),
  }),
}));
