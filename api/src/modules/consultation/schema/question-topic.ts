// Question topics: the list, creating and renaming one.
import { builder } from "../../../builder.ts";
import { z } from "zod";
import { DomainError } from "../../../errors.ts";
import { createQuestionTopic, updateQuestionTopic } from "../topics.ts";
import { topicTitle } from "../validation.ts";

const errors = { types: [DomainError] };

export const QuestionTopicNode = builder.prismaNode("QuestionTopic", {
  id: { field: "id" },
  description: "Тема консультационной линии (список ведёт федеральный координатор).",
  fields: (t) => ({
    title: t.exposeString("title", { description: "Название темы." }),
    position: t.exposeInt("position", { description: "Порядок в списке." }),
    active: t.exposeBoolean("active", { description: "Доступна для новых вопросов." }),
  }),
});

builder.queryFields((t) => ({
  questionTopics: t.prismaField({
    type: ["QuestionTopic"],
    description: "Темы консультационной линии по порядку (неактивные — только если попросить).",
    authScopes: { signedIn: true },
    args: { includeInactive: t.arg.boolean({ required: false, description: "Включить снятые с использования темы." }) },
    resolve: (query, _r, args, ctx) => ctx.db.questionTopic.findMany({ ...query, where: args.includeInactive ? {} : { active: true }, orderBy: [{ position: "asc" }, { title: "asc" }], take: 500 }),
  }),
}));

builder.mutationFields((t) => ({
  createQuestionTopic: t.field({
    type: QuestionTopicNode,
    description: "Добавить тему консультационной линии (федеральный координатор).",
    authScopes: { signedIn: true },
    errors,
    args: { title: t.arg.string({ validate: topicTitle, description: "Название (1–200 символов)." }) },
    resolve: async (_r, args, ctx) => ctx.db.questionTopic.findUniqueOrThrow({ where: { id: (await createQuestionTopic(ctx, args.title)).id } }),
  }),
  updateQuestionTopic: t.field({
    type: QuestionTopicNode,
    description: "Переименовать тему, изменить порядок или снять её с использования (федеральный координатор).",
    authScopes: { signedIn: true },
    errors,
    args: {
      id: t.arg.globalID({ for: QuestionTopicNode, description: "Тема." }),
      title: t.arg.string({ required: false, validate: topicTitle, description: "Новое название." }),
      active: t.arg.boolean({ required: false, description: "Доступна для новых вопросов." }),
      position: t.arg.int({ required: false, validate: z.number().int().min(0, "Не меньше 0").max(10000, "Не больше 10000"), description: "Порядок в списке." }),
    },
    resolve: async (_r, args, ctx) => ctx.db.questionTopic.findUniqueOrThrow({ where: { id: (await updateQuestionTopic(ctx, args.id.id, args)).id } }),
  }),
}));
