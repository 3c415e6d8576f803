// The list of question topics (federal coordinator).
import type { Context } from "../../context.ts";
import { fail, forbidden, notFound } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canManageQuestionTopics } from "../../auth/access.ts";
import { audit } from "../audit/service.ts";
import { TX } from "./service.ts";

/** Adds a topic to the list (federal coordinator). */
export async function createQuestionTopic(ctx: Context, title: string): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  if (!canManageQuestionTopics(viewer.act)) throw forbidden("Список тем ведёт федеральный координатор");
  const clean = title.trim();
  try {
    return await ctx.db.$transaction(async (tx) => {
      const last = await tx.questionTopic.aggregate({ _max: { position: true } });
      const t = await tx.questionTopic.create({ data: { title: clean, position: (last._max.position ?? 0) + 1 }, select: { id: true } });
      await audit(tx, { actorId: viewer.id, action: "question-topic.created", entityType: "QuestionTopic", entityId: t.id, after: { title: clean } });
      return t;
    }, TX);
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw fail("TOPIC_EXISTS", `Тема «${clean}» уже есть в списке`);
    throw e;
  }
}

/** Renames a topic, moves it, or takes it off the list for new questions (federal coordinator). */
export async function updateQuestionTopic(ctx: Context, id: string, patch: { title?: string | null; active?: boolean | null; position?: number | null }): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  if (!canManageQuestionTopics(viewer.act)) throw forbidden("Список тем ведёт федеральный координатор");
  const before = await ctx.db.questionTopic.findUnique({ where: { id }, select: { title: true, active: true, position: true } });
  if (!before) throw notFound("Тема не найдена");
  const data = {
    ...(patch.title != null ? { title: patch.title.trim() } : {}),
    ...(patch.active != null ? { active: patch.active } : {}),
    ...(patch.position != null ? { position: patch.position } : {}),
  };
  try {
    await ctx.db.$transaction(async (tx) => {
      await tx.questionTopic.update({ where: { id }, data });
      await audit(tx, { actorId: viewer.id, action: "question-topic.updated", entityType: "QuestionTopic", entityId: id, before, after: { ...before, ...data } });
    }, TX);
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw fail("TOPIC_EXISTS", `Тема «${data.title}» уже есть в списке`);
    throw e;
  }
  return { id };
}
