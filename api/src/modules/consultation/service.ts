// The consultation line: ask (with an optional attachment), take in work, answer, pass on to the federal
// level, reply (which reopens), publish to the FAQ. Each call runs in the house order — assert access →
// validate → one transaction with the row, the audit entry and the notifications → publish after commit.
// Status changes are guarded by the optimistic `revision` counter, so two coordinators racing on one
// question record exactly one change. Publishing to the FAQ is in faq.ts, the topics in topics.ts.
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Context } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { fail, forbidden, notFound } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canAskQuestion, canHandleQuestion, canReplyQuestion, canSeeQuestion, type QuestionPlace } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import type { QuestionStatus } from "../../../../prisma/generated/client/enums.ts";
import { audit } from "../audit/service.ts";
import { storeUpload } from "../file/upload.ts";
import { writeNotifications, type NewNotification } from "../notification/service.ts";
import { STATUS_LABEL } from "./validation.ts";
import { FEDERAL_PROGRAMME, yearWhere } from "../programme/years.ts";

export const TX = { maxWait: 15_000, timeout: 30_000 } as const;
const gid = encodeGlobalID;

export const questionSelect = {
  id: true,
  authorId: true,
  regionId: true,
  municipalityId: true,
  schoolId: true,
  level: true,
  status: true,
  revision: true,
  body: true,
  topicId: true,
  programmeYear: { select: { year: true } },
  topic: { select: { title: true } },
  author: { select: { fullName: true } },
  school: { select: { shortName: true, fullName: true } },
} satisfies Prisma.QuestionSelect;
type QuestionCtx = Prisma.QuestionGetPayload<{ select: typeof questionSelect }>;

export async function loadQuestion(ctx: Context, viewer: Viewer, id: string): Promise<QuestionCtx> {
  const q = await ctx.db.question.findUnique({ where: { id }, select: questionSelect });
  if (!q || !canSeeQuestion(viewer.read, viewer.id, q)) throw notFound("Вопрос не найден");
  return q;
}

/** Whether the viewer may take, answer, pass on and publish this question (for `viewerCan…` and the service). */
export const viewerMayHandle = (viewer: Viewer | null, q: QuestionPlace) => !!viewer && canHandleQuestion(viewer.act, q);

const changed = () => fail("QUESTION_CHANGED", "Вопрос только что изменился. Обновите страницу и повторите");
const short = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const payloadOf = (q: { id: string }, extra: Record<string, string | null> = {}) => ({ questionId: gid("Question", q.id), ...extra });

/** The coordinators who handle a question at its level: the region's, or the federal ones. */
async function handlersOf(ctx: Context, q: { level: string; regionId: string | null }): Promise<string[]> {
  const where: Prisma.RoleAssignmentWhereInput = q.level === "REGION" && q.regionId ? { role: "REGIONAL_COORDINATOR", regionId: q.regionId } : { role: "FEDERAL_COORDINATOR" };
  const users = await ctx.db.user.findMany({ where: { active: true, roles: { some: where } }, select: { id: true } });
  return users.map((u) => u.id);
}

/** Guarded status change: only when the question is still at `revision` and in one of `from`. */
async function move(tx: Prisma.TransactionClient, q: QuestionCtx, from: QuestionStatus[], data: Prisma.QuestionUpdateManyMutationInput) {
  const { count } = await tx.question.updateMany({
    where: { id: q.id, revision: q.revision, status: { in: from } },
    data: { ...data, revision: { increment: 1 } },
  });
  if (!count) throw changed();
}

// ---------------------------------------------------------------- ask

export interface AskInput {
  topicId: string;
  body: string;
  year?: number | null;
  file?: File | null;
}

/**
 * Asks a question. It is routed by where the asker stands: to its region's coordinators, or — for a
 * regional or federal coordinator, who has no region above it — straight to the federal level. An
 * attachment passes the same checks and storage as concept documents; a failed ask leaves no file.
 */
export async function askQuestion(ctx: Context, input: AskInput): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  if (!canAskQuestion(viewer.act, viewer.roles)) throw forbidden("Задавать вопросы могут участники проекта (наблюдатель только читает)");
  const topic = await ctx.db.questionTopic.findUnique({ where: { id: input.topicId }, select: { id: true, active: true, title: true } });
  if (!topic || !topic.active) throw fail("TOPIC_NOT_FOUND", "Выберите тему из списка");
  const year = input.year
    ? await ctx.db.programmeYear.findFirst({ where: yearWhere(input.year), select: { id: true } })
    : await ctx.db.programmeYear.findFirst({ where: { year: { lte: new Date().getFullYear() }, programme: FEDERAL_PROGRAMME }, orderBy: { year: "desc" }, select: { id: true } });
  if (input.year && !year) throw fail("YEAR_NOT_FOUND", `Года проекта ${input.year} нет`);
  const body = input.body.trim();
  const place = placeOf(viewer, await rolePlaces(ctx, viewer));

  const recipients = (await handlersOf(ctx, place)).filter((id) => id !== viewer.id);
  // The attachment goes through the shared upload routine: its bytes are undone if the rows fail.
  return storeUpload(ctx.db, input.file, async (stored) => {
    const { id, publish } = await ctx.db.$transaction(async (tx) => {
      const file = stored
        ? await tx.storedFile.create({
            data: { sha256: stored.sha256, size: stored.size, mediaType: stored.mediaType, originalName: stored.name, uploadedById: viewer.id },
          })
        : null;
      const q = await tx.question.create({
        data: {
          authorId: viewer.id,
          topicId: topic.id,
          body,
          programmeYearId: year?.id ?? null,
          level: place.level,
          status: place.level === "FEDERAL" ? "FORWARDED" : "NEW",
          regionId: place.regionId,
          municipalityId: place.municipalityId,
          schoolId: place.schoolId,
          attachmentId: file?.id ?? null,
        },
        select: { id: true },
      });
      await audit(tx, {
        actorId: viewer.id,
        action: "question.asked",
        entityType: "Question",
        entityId: q.id,
        schoolId: place.schoolId,
        after: { topic: topic.title, level: place.level, regionId: place.regionId, attachment: stored?.name ?? null, length: body.length },
      });
      const items: NewNotification[] = recipients.map((recipientId) => ({
        recipientId,
        kind: "QUESTION_ASKED",
        title: `Новый вопрос на консультационной линии (${topic.title}): ${short(body)}`,
        payload: payloadOf(q),
        dedupeKey: `question:${q.id}:asked`,
      }));
      return { id: q.id, publish: await writeNotifications(tx, items) };
    }, TX);
    publish(ctx.pubsub);
    return { id };
  });
}

type RolePlace = { role: string; regionId: string | null; municipalityId: string | null; schoolId: string | null };

async function rolePlaces(ctx: Context, viewer: Viewer): Promise<RolePlace[]> {
  const rows = await ctx.db.roleAssignment.findMany({
    where: { userId: viewer.id },
    select: {
      role: true,
      regionId: true,
      municipalityId: true,
      schoolId: true,
      municipality: { select: { regionId: true } },
      school: { select: { municipalityId: true, municipality: { select: { regionId: true } } } },
    },
  });
  return rows.map((r) => ({
    role: r.role,
    schoolId: r.schoolId,
    municipalityId: r.municipalityId ?? r.school?.municipalityId ?? null,
    regionId: r.regionId ?? r.municipality?.regionId ?? r.school?.municipality.regionId ?? null,
  }));
}

/**
 * Where a question starts: a school, a municipal coordinator or a curator (by its curated schools'
 * region when it has no place of its own) at its region; a regional or federal coordinator at the
 * federal level.
 */
export function placeOf(viewer: Viewer, roles: RolePlace[]): Omit<QuestionPlace, "authorId"> {
  const federal = { level: "FEDERAL" as const, regionId: null, municipalityId: null, schoolId: null };
  if (roles.some((r) => r.role === "FEDERAL_COORDINATOR")) return federal;
  const regional = roles.find((r) => r.role === "REGIONAL_COORDINATOR");
  if (regional) return { ...federal, regionId: regional.regionId };
  const own = roles.find((r) => r.role === "SCHOOL") ?? roles.find((r) => r.role === "MUNICIPAL_COORDINATOR") ?? roles.find((r) => r.regionId);
  if (own?.regionId) return { level: "REGION", regionId: own.regionId, municipalityId: own.municipalityId, schoolId: own.schoolId };
  const curatedRegion = [...viewer.act.contextRegionIds][0];
  if (curatedRegion) return { level: "REGION", regionId: curatedRegion, municipalityId: [...viewer.act.contextMunicipalityIds][0] ?? null, schoolId: null };
  return federal;
}

// ---------------------------------------------------------------- handle

function assertHandle(viewer: Viewer, q: QuestionCtx) {
  if (!viewerMayHandle(viewer, q))
    throw forbidden(q.level === "FEDERAL" ? "Вопрос передан на федеральный уровень: отвечает федеральный координатор" : "Вопросы региона обрабатывает его региональный координатор");
}

/** Takes a new (or passed-on) question in work: NEW/FORWARDED → IN_PROGRESS, the viewer becomes its assignee. */
export async function takeQuestion(ctx: Context, id: string): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const q = await loadQuestion(ctx, viewer, id);
  assertHandle(viewer, q);
  if (q.status === "IN_PROGRESS") throw fail("ALREADY_IN_PROGRESS", "Вопрос уже в работе");
  if (q.status === "ANSWERED") throw fail("ALREADY_ANSWERED", "На вопрос уже ответили");
  await ctx.db.$transaction(async (tx) => {
    await move(tx, q, ["NEW", "FORWARDED"], { status: "IN_PROGRESS", assigneeId: viewer.id });
    await audit(tx, {
      actorId: viewer.id,
      action: "question.taken",
      entityType: "Question",
      entityId: q.id,
      schoolId: q.schoolId,
      before: { status: q.status },
      after: { status: "IN_PROGRESS", assigneeId: viewer.id },
    });
  }, TX);
  return { id: q.id };
}

/** Answers a question (→ ANSWERED): who answered and when are kept; the asker is notified (QUESTION_ANSWERED), live. */
export async function answerQuestion(ctx: Context, id: string, body: string): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const q = await loadQuestion(ctx, viewer, id);
  assertHandle(viewer, q);
  if (q.status === "ANSWERED") throw fail("ALREADY_ANSWERED", "На вопрос уже ответили");
  const text = body.trim();
  const now = new Date();
  const publish = await ctx.db.$transaction(async (tx) => {
    await move(tx, q, ["NEW", "IN_PROGRESS", "FORWARDED"], { status: "ANSWERED", answeredAt: now, answeredById: viewer.id, assigneeId: viewer.id });
    const a = await tx.answer.create({ data: { questionId: q.id, authorId: viewer.id, body: text, createdAt: now }, select: { id: true } });
    await audit(tx, {
      actorId: viewer.id,
      action: "question.answered",
      entityType: "Question",
      entityId: q.id,
      schoolId: q.schoolId,
      before: { status: q.status },
      after: { status: "ANSWERED", answerId: a.id, length: text.length },
    });
    if (q.authorId === viewer.id) return writeNotifications(tx, []);
    return writeNotifications(tx, [
      {
        recipientId: q.authorId,
        kind: "QUESTION_ANSWERED",
        title: `Ответ консультационной линии (${q.topic.title}): ${short(q.body)}`,
        payload: payloadOf(q, { answerId: gid("Answer", a.id) }),
        dedupeKey: `question:${q.id}:answer:${a.id}`,
      },
    ]);
  }, TX);
  publish(ctx.pubsub);
  return { id: q.id };
}

/** Passes a regional question on to the federal level (→ FORWARDED); the federal coordinators are notified. */
export async function forwardQuestion(ctx: Context, id: string, comment: string | null): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const q = await loadQuestion(ctx, viewer, id);
  assertHandle(viewer, q);
  if (q.level === "FEDERAL") throw fail("ALREADY_FEDERAL", "Вопрос уже на федеральном уровне");
  if (q.status === "ANSWERED") throw fail("ALREADY_ANSWERED", "На вопрос уже ответили");
  const recipients = (await handlersOf(ctx, { level: "FEDERAL", regionId: null })).filter((u) => u !== viewer.id);
  const note = comment?.trim() || null;
  const publish = await ctx.db.$transaction(async (tx) => {
    await move(tx, q, ["NEW", "IN_PROGRESS"], { status: "FORWARDED", level: "FEDERAL", forwardedAt: new Date(), assigneeId: null });
    await audit(tx, {
      actorId: viewer.id,
      action: "question.forwarded",
      entityType: "Question",
      entityId: q.id,
      schoolId: q.schoolId,
      before: { status: q.status, level: q.level },
      after: { status: "FORWARDED", level: "FEDERAL" },
      reason: note,
    });
    return writeNotifications(
      tx,
      recipients.map((recipientId) => ({
        recipientId,
        kind: "QUESTION_ASKED",
        title: `Вопрос передан на федеральный уровень (${q.topic.title}): ${short(q.body)}`,
        payload: payloadOf(q, { comment: note }),
        dedupeKey: `question:${q.id}:forwarded`,
      })),
    );
  }, TX);
  publish(ctx.pubsub);
  return { id: q.id };
}

/**
 * The asker replies to an answer: the reply joins the thread and the question is open again at its
 * level (NEW at the region, FORWARDED at the federal level); its handlers are notified.
 */
export async function replyToQuestion(ctx: Context, id: string, body: string): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const q = await loadQuestion(ctx, viewer, id);
  if (!canReplyQuestion(viewer.id, q)) throw forbidden("Уточнить вопрос может только тот, кто его задал");
  if (q.status !== "ANSWERED") throw fail("NOT_ANSWERED", "Вопрос ещё не отвечен: дождитесь ответа");
  const text = body.trim();
  const reopened: QuestionStatus = q.level === "FEDERAL" ? "FORWARDED" : "NEW";
  const recipients = (await handlersOf(ctx, q)).filter((u) => u !== viewer.id);
  const publish = await ctx.db.$transaction(async (tx) => {
    await move(tx, q, ["ANSWERED"], { status: reopened, assigneeId: null });
    const a = await tx.answer.create({ data: { questionId: q.id, authorId: viewer.id, body: text, isReply: true }, select: { id: true } });
    await audit(tx, {
      actorId: viewer.id,
      action: "question.reopened",
      entityType: "Question",
      entityId: q.id,
      schoolId: q.schoolId,
      before: { status: q.status },
      after: { status: reopened, replyId: a.id },
    });
    return writeNotifications(
      tx,
      recipients.map((recipientId) => ({
        recipientId,
        kind: "QUESTION_ASKED",
        title: `Уточнение к вопросу (${q.topic.title}): ${short(text)}`,
        payload: payloadOf(q, { replyId: gid("Answer", a.id) }),
        dedupeKey: `question:${q.id}:reply:${a.id}`,
      })),
    );
  }, TX);
  publish(ctx.pubsub);
  return { id: q.id };
}

export { STATUS_LABEL };
