// Publishing an answered question to the FAQ, in the house order of the consultation service.
import type { Context } from "../../context.ts";
import { fail, forbidden } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canPublishFaq } from "../../auth/access.ts";
import type { FaqScope } from "../../../../prisma/generated/client/enums.ts";
import { audit } from "../audit/service.ts";
import { collectFaqWords } from "./search.ts";
import { personalDataIn } from "./validation.ts";
import { loadQuestion, TX } from "./service.ts";

export interface PublishInput {
  questionId: string;
  scope: FaqScope;
  question: string;
  answer: string;
  topicId?: string | null;
}

/**
 * Publishes an answered question to the FAQ (or updates its entry) as an edited, clean question and
 * answer. The entry keeps no link to the asker that readers could follow; a text that still carries an
 * e-mail, a phone, the asker's surname or its school's name is refused.
 */
export async function publishFaqEntry(ctx: Context, input: PublishInput): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const q = await loadQuestion(ctx, viewer, input.questionId);
  const regionId = input.scope === "REGIONAL" ? q.regionId : null;
  if (!canPublishFaq(viewer.act, input.scope, regionId))
    throw forbidden(input.scope === "FEDERAL" ? "В федеральный раздел публикует федеральный координатор" : "В региональный раздел публикуют координаторы региона");
  if (input.scope === "REGIONAL" && !regionId) throw fail("NO_REGION", "У вопроса нет региона: опубликуйте его в федеральном разделе");
  if (q.status !== "ANSWERED") throw fail("NOT_ANSWERED", "Опубликовать можно только отвеченный вопрос");
  const question = input.question.trim();
  const answer = input.answer.trim();
  const found = personalDataIn([question, answer], { fullName: q.author.fullName, schoolNames: [q.school?.shortName, q.school?.fullName] });
  if (found) throw fail("PERSONAL_DATA", `В тексте для публикации осталась личная информация (${found}). Уберите её: в разделе «Вопросы и ответы» спрашивающий не называется`);
  let topicId = q.topicId;
  if (input.topicId) {
    const t = await ctx.db.questionTopic.findUnique({ where: { id: input.topicId }, select: { id: true } });
    if (!t) throw fail("TOPIC_NOT_FOUND", "Выберите тему из списка");
    topicId = t.id;
  }
  const year = q.programmeYear?.year ?? new Date().getFullYear();
  const id = await ctx.db.$transaction(async (tx) => {
    const before = await tx.faqEntry.findUnique({ where: { questionId: q.id }, select: { id: true, question: true, answer: true, scope: true, regionId: true, topicId: true } });
    const data = { topicId, year, scope: input.scope, regionId, question, answer, publishedById: viewer.id };
    const entry = before ? await tx.faqEntry.update({ where: { id: before.id }, data, select: { id: true } }) : await tx.faqEntry.create({ data: { ...data, questionId: q.id }, select: { id: true } });
    await collectFaqWords(tx, [question, answer]);
    await audit(tx, {
      actorId: viewer.id,
      action: before ? "faq.updated" : "faq.published",
      entityType: "FaqEntry",
      entityId: entry.id,
      schoolId: q.schoolId,
      before,
      after: { questionId: q.id, ...data },
    });
    return entry.id;
  }, TX);
  return { id };
}
