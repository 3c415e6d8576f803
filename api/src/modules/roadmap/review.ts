// The roadmap as a reviewed plan: the owner submits it (a dated snapshot of its measures becomes a new
// version), a reviewer approves it or returns it with a comment, the owner asks for help with it. Each
// call runs in the house order — check → validate → one transaction with the row, audit and
// notifications → publish after commit. Status changes are guarded by the roadmap's `revision`, which
// every plan change bumps too (target.ts openPlan), so two reviewers racing record exactly one
// decision, and a decision never lands on a plan that changed under it.
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Context } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { fail, forbidden } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canReviewRoadmap, canSubmitRoadmap, type RoadmapPlace } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import type { ReviewDecision } from "../../../../prisma/generated/client/enums.ts";
import { audit } from "../audit/service.ts";
import { writeNotifications } from "../notification/service.ts";
import { audienceOf } from "../notification/audience.ts";
import { published, resolveTarget, TX } from "./target.ts";
import { diffPlans, isEmptyDiff, plannedMeasure, type PlannedMeasure } from "./plan-diff.ts";
import { snapshotApprovedRoadmap } from "../pdf/snapshots.ts";

const gid = encodeGlobalID;
const changedError = () => fail("ROADMAP_CHANGED", "Дорожная карта только что изменилась. Обновите страницу и повторите");

/** The plan of a roadmap now: its measures except cancelled ones, in order. */
export async function currentPlan(db: Prisma.TransactionClient, roadmapId: string): Promise<PlannedMeasure[]> {
  const rows = await db.measure.findMany({
    where: { roadmapId, status: { not: "CANCELLED" } },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(plannedMeasure);
}

async function loadRoadmap(ctx: Context, viewer: Viewer, roadmapId: string) {
  const t = await resolveTarget(ctx, viewer, { roadmapId });
  const r = await ctx.db.roadmap.findUniqueOrThrow({
    where: { id: roadmapId },
    select: {
      id: true,
      title: true,
      status: true,
      revision: true,
      editHelpRequestedAt: true,
      participation: { select: { status: true, school: { select: { shortName: true } } } },
      municipality: { select: { name: true } },
    },
  });
  return { place: t.place, r, owner: r.participation?.school.shortName ?? r.municipality?.name ?? "" };
}

/** Who hears of a submission: the school's curators and municipal coordinators; for a municipal roadmap its region's coordinators. */
async function reviewersOf(db: Prisma.TransactionClient, place: RoadmapPlace, except: string): Promise<string[]> {
  if (place.participationId) return audienceOf(db, place, ["curators", "municipal"], except);
  const users = await db.user.findMany({
    where: { active: true, id: { not: except }, roles: { some: { role: "REGIONAL_COORDINATOR", regionId: place.regionId } } },
    select: { id: true },
  });
  return users.map((u) => u.id);
}

/** Who hears of a decision: the owner — the school's accounts, or the municipal coordinators. */
const ownersOf = (db: Prisma.TransactionClient, place: RoadmapPlace, except: string) => audienceOf(db, place, place.participationId ? ["school"] : ["municipal"], except);

const payloadOf = (place: RoadmapPlace, roadmapId: string, extra: Record<string, string | null>) => ({
  roadmapId: gid("Roadmap", roadmapId),
  ...(place.participationId ? { participationId: gid("Participation", place.participationId) } : {}),
  ...(place.schoolId ? { schoolId: gid("School", place.schoolId) } : { municipalityId: gid("Municipality", place.municipalityId) }),
  ...extra,
});

/**
 * Sends the plan for review (DRAFT / RETURNED → SUBMITTED): its measures become a new dated version.
 * The owner only; the plan must have measures, and a plan sent before must have changed since.
 */
export async function submitRoadmap(ctx: Context, roadmapId: string, expectedRevision?: number | null): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const { place, r, owner } = await loadRoadmap(ctx, viewer, roadmapId);
  if (!canSubmitRoadmap(viewer.act, place)) throw forbidden("Отправить дорожную карту на проверку может только тот, кто её ведёт (школа)");
  if (r.participation && r.participation.status !== "PARTICIPATING") throw fail("PARTICIPATION_CLOSED", "Школа больше не участвует в проекте в этом году");
  if (r.status === "SUBMITTED") throw fail("ALREADY_SUBMITTED", "Дорожная карта уже на проверке");
  if (r.status === "APPROVED") throw fail("ROADMAP_APPROVED", "Дорожная карта уже принята: измените план, чтобы отправить новую редакцию");
  if (expectedRevision != null && expectedRevision !== r.revision) throw changedError();
  const now = new Date();
  const publish = await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.roadmap.updateMany({
      where: { id: r.id, revision: r.revision, status: { in: ["DRAFT", "RETURNED"] } },
      data: { status: "SUBMITTED", revision: { increment: 1 }, submittedAt: now, decidedAt: null },
    });
    if (!count) throw changedError();
    // Read under the row lock: no plan change can slip between the check above and this snapshot.
    const plan = await currentPlan(tx, r.id);
    if (!plan.length) throw fail("ROADMAP_EMPTY", "В дорожной карте нет мероприятий: добавьте их перед отправкой");
    const last = await tx.roadmapVersion.findFirst({ where: { roadmapId: r.id }, orderBy: { number: "desc" }, select: { number: true, measures: true } });
    if (last && isEmptyDiff(diffPlans(last.measures as unknown as PlannedMeasure[], plan)))
      throw fail("NOTHING_CHANGED", "План не изменился с прошлой отправки: внесите исправления перед повторной отправкой");
    const number = (last?.number ?? 0) + 1;
    const version = await tx.roadmapVersion.create({
      data: { roadmapId: r.id, number, measures: plan as unknown as Prisma.InputJsonValue, submittedAt: now, submittedById: viewer.id },
    });
    if (place.participationId) await tx.participation.update({ where: { id: place.participationId }, data: { lastActivityAt: now } });
    await audit(tx, {
      actorId: viewer.id,
      action: "roadmap.submitted",
      entityType: "Roadmap",
      entityId: r.id,
      schoolId: place.schoolId,
      before: { status: r.status, revision: r.revision },
      after: { status: "SUBMITTED", revision: r.revision + 1, version: number, measures: plan.length },
    });
    const recipients = await reviewersOf(tx, place, viewer.id);
    return writeNotifications(
      tx,
      recipients.map((recipientId) => ({
        recipientId,
        kind: "ROADMAP_SUBMITTED" as const,
        title: `Дорожная карта на проверке: ${owner} (редакция ${number})`,
        payload: payloadOf(place, r.id, { versionId: gid("RoadmapVersion", version.id), status: "SUBMITTED" }),
        dedupeKey: `roadmap-submitted:${version.id}`,
      })),
    );
  }, TX);
  publish(ctx.pubsub);
  published(ctx, r.id);
  return { id: r.id };
}

/**
 * Approves or returns the submitted version (SUBMITTED → APPROVED / RETURNED; a return needs a comment).
 * Of reviewers racing on one roadmap exactly one decision is recorded; the others get ALREADY_DECIDED
 * (or ROADMAP_CHANGED when they decided on what they saw before a resubmission). The owner is notified.
 */
export async function decideRoadmap(ctx: Context, roadmapId: string, decision: ReviewDecision, comment: string | null, expectedRevision?: number | null): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const { place, r, owner } = await loadRoadmap(ctx, viewer, roadmapId);
  if (!canReviewRoadmap(viewer.act, place))
    throw forbidden(place.participationId ? "Решение по дорожной карте принимает назначенный школе куратор" : "Решение по муниципальной дорожной карте принимает координатор региона");
  const text = comment?.trim() || null;
  if (decision === "RETURNED" && !text) throw fail("COMMENT_REQUIRED", "Напишите, что нужно доработать: без комментария вернуть дорожную карту нельзя");
  if (expectedRevision != null && expectedRevision !== r.revision)
    throw r.status === "SUBMITTED" ? changedError() : fail("ALREADY_DECIDED", "Дорожная карта уже рассмотрена или изменилась. Обновите страницу");
  if (r.status === "DRAFT") throw fail("NOT_SUBMITTED", "Дорожная карта ещё не отправлена на проверку");
  if (r.status !== "SUBMITTED") throw fail("ALREADY_DECIDED", "Дорожная карта уже рассмотрена");
  const approved = decision === "APPROVED";
  const now = new Date();
  let publish;
  try {
    publish = await ctx.db.$transaction(async (tx) => {
      const { count } = await tx.roadmap.updateMany({
        where: { id: r.id, status: "SUBMITTED", revision: r.revision },
        data: { status: decision, revision: { increment: 1 }, decidedAt: now, ...(approved ? { editHelpRequestedAt: null } : {}) },
      });
      if (!count) throw fail("ALREADY_DECIDED", "Дорожная карта уже рассмотрена");
      const version = await tx.roadmapVersion.findFirstOrThrow({ where: { roadmapId: r.id }, orderBy: { number: "desc" }, select: { id: true, number: true } });
      await tx.roadmapReview.create({ data: { roadmapId: r.id, versionId: version.id, decision, comment: text, reviewerId: viewer.id, createdAt: now } });
      if (place.participationId) await tx.participation.update({ where: { id: place.participationId }, data: { lastActivityAt: now } });
      // The dated PDF copy commits with the approval or not at all (pdf/snapshots.ts).
      if (approved) await snapshotApprovedRoadmap(tx, { roadmapId: r.id, participationId: place.participationId, version: version.number, reviewerId: viewer.id, now });
      await audit(tx, {
        actorId: viewer.id,
        action: approved ? "roadmap.approved" : "roadmap.returned",
        entityType: "Roadmap",
        entityId: r.id,
        schoolId: place.schoolId,
        before: { status: "SUBMITTED", revision: r.revision },
        after: { status: decision, revision: r.revision + 1, version: version.number },
        reason: text,
      });
      const recipients = await ownersOf(tx, place, viewer.id);
      return writeNotifications(
        tx,
        recipients.map((recipientId) => ({
          recipientId,
          kind: approved ? ("ROADMAP_APPROVED" as const) : ("ROADMAP_RETURNED" as const),
          title: `${approved ? "Дорожная карта принята" : "Дорожная карта возвращена на доработку"}: ${owner} (редакция ${version.number})`,
          payload: payloadOf(place, r.id, { versionId: gid("RoadmapVersion", version.id), status: decision, comment: text }),
          dedupeKey: `roadmap-reviewed:${version.id}`,
        })),
      );
    }, TX);
  } catch (e) {
    // One review per version is the last line of the same guard.
    if ((e as { code?: string }).code === "P2002") throw fail("ALREADY_DECIDED", "Дорожная карта уже рассмотрена");
    throw e;
  }
  publish(ctx.pubsub);
  published(ctx, r.id);
  return { id: r.id };
}

/**
 * The owner asks its curator and coordinators to edit the plan with it (or withdraws the request). They
 * may edit only while asked and only when the programme year allows assisted editing.
 */
export async function requestRoadmapHelp(ctx: Context, roadmapId: string, requested: boolean): Promise<{ id: string }> {
  const viewer = requireViewer(ctx);
  const { place, r } = await loadRoadmap(ctx, viewer, roadmapId);
  if (!canSubmitRoadmap(viewer.act, place)) throw forbidden("Попросить помощи с дорожной картой может только тот, кто её ведёт");
  if (requested === !!r.editHelpRequestedAt) return { id: r.id };
  await ctx.db.$transaction(async (tx) => {
    await tx.roadmap.update({ where: { id: r.id }, data: { editHelpRequestedAt: requested ? new Date() : null } });
    await audit(tx, {
      actorId: viewer.id,
      action: requested ? "roadmap.help-requested" : "roadmap.help-withdrawn",
      entityType: "Roadmap",
      entityId: r.id,
      schoolId: place.schoolId,
      before: { helpRequested: !requested },
      after: { helpRequested: requested },
    });
  }, TX);
  published(ctx, r.id);
  return { id: r.id };
}
