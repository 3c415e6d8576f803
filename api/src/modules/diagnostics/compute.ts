// Profiles computed from the significance rules and the stored survey answers, in bulk (a year has up to
// 5,000 participants): read the year's rules, answers and profiles in a few set-based queries, compute
// every factor, and write only what changed.
//
// What a recomputation does to a profile (README «Анкетирование»):
// - a missing profile is created with every factor; nobody has chosen or confirmed anything yet;
// - the chosen risks are always kept;
// - a factor corrected by hand (updateRiskSignificance) keeps its corrected level and explanation; only
//   the computed level beside it is refreshed, so the profile shows both;
// - where a level in force changed, the confirmations and the verification are cleared and the school,
//   its curators and the municipal coordinator are notified (PROFILE_RECOMPUTED) to confirm again;
// - where nothing changed nothing is written (re-importing the same results touches no row).
import { randomUUID } from "node:crypto";
import { encodeGlobalID } from "@pothos/plugin-relay";
import type { Prisma } from "../../db.ts";
import type { PubSub } from "../../pubsub.ts";
import type { Significance } from "../../../../prisma/generated/client/enums.ts";
import { chunk } from "../registry/kinds.ts";
import { insertAudits } from "../registry/bulk.ts";
import { mailNotifications } from "../notification/service.ts";
import { kickMail } from "../mail/outbox.ts";
import { assessFactor, LEVEL_TITLES, type RuleSpec } from "./significance.ts";

type Tx = Prisma.TransactionClient;
const PART = 5000;

export interface RecomputeResult {
  /** Profiles created (first results of a school). */
  created: number;
  /** Profiles where a level in force changed (verification reset, parties notified). */
  levelChanged: number;
  /** Profiles where only computed values or explanations changed. */
  refreshed: number;
  /** Publishes the notifications after the caller's transaction commits. */
  publish: (pubsub: PubSub) => void;
}

interface EntryRow {
  id: string;
  profileId: string;
  participationId: string;
  riskFactorId: string;
  significance: Significance;
  explanation: string | null;
  computedSignificance: Significance | null;
  computedExplanation: string | null;
  corrected: boolean;
}

/** The year's rules as plain numbers, grouped by factor. */
export async function rulesOf(tx: Tx, programmeYearId: string): Promise<Map<string, RuleSpec[]>> {
  const rules = await tx.significanceRule.findMany({ where: { programmeYearId }, orderBy: [{ indicatorTitle: "asc" }] });
  const byFactor = new Map<string, RuleSpec[]>();
  for (const r of rules) {
    const spec: RuleSpec = { ...r, highFrom: Number(r.highFrom), mediumFrom: Number(r.mediumFrom) };
    byFactor.set(r.riskFactorId, [...(byFactor.get(r.riskFactorId) ?? []), spec]);
  }
  return byFactor;
}

/**
 * Recomputes the profiles of `participationIds` (or of every participation of the year that has survey
 * answers, when null) inside the caller's transaction; see the header for what changes and what stays.
 */
export async function recomputeProfiles(tx: Tx, actorId: string | null, programmeYearId: string, participationIds: string[] | null): Promise<RecomputeResult> {
  const ids =
    participationIds ??
    (
      await tx.$queryRaw<{ id: string }[]>`
        SELECT DISTINCT a."participationId" AS id FROM "SurveyAnswer" a
        JOIN "Participation" p ON p.id = a."participationId" WHERE p."programmeYearId" = ${programmeYearId}::uuid`
    ).map((r) => r.id);
  const none: RecomputeResult = { created: 0, levelChanged: 0, refreshed: 0, publish: () => {} };
  if (!ids.length) return none;

  const factors = await tx.riskFactor.findMany({ where: { programmeYearId }, select: { id: true, number: true, title: true }, orderBy: { number: "asc" } });
  const rules = await rulesOf(tx, programmeYearId);

  const answers = new Map<string, Map<string, number>>();
  const entries = new Map<string, EntryRow[]>();
  const profiles = new Map<string, { id: string; verified: boolean; confirmed: number }>();
  const places = new Map<string, { schoolId: string; schoolName: string }>();
  for (const part of chunk(ids, PART)) {
    const a = await tx.$queryRaw<{ participationId: string; questionCode: string; value: number }[]>`
      SELECT "participationId", "questionCode", "value"::float8 AS value FROM "SurveyAnswer" WHERE "participationId" = ANY(${part}::uuid[])`;
    for (const r of a) {
      let m = answers.get(r.participationId);
      if (!m) answers.set(r.participationId, (m = new Map()));
      m.set(r.questionCode, r.value);
    }
    const e = await tx.$queryRaw<EntryRow[]>`
      SELECT e.id, e."profileId", p."participationId", e."riskFactorId", e.significance::text AS significance, e.explanation,
             e."computedSignificance"::text AS "computedSignificance", e."computedExplanation", e.corrected
      FROM "RiskProfileEntry" e JOIN "RiskProfile" p ON p.id = e."profileId" WHERE p."participationId" = ANY(${part}::uuid[])`;
    for (const r of e) entries.set(r.participationId, [...(entries.get(r.participationId) ?? []), r]);
    const p = await tx.$queryRaw<{ id: string; participationId: string; verified: boolean; confirmed: number }[]>`
      SELECT p.id, p."participationId", p."verifiedAt" IS NOT NULL AS verified,
             (SELECT count(*)::int FROM "RiskProfileConfirmation" c WHERE c."profileId" = p.id) AS confirmed
      FROM "RiskProfile" p WHERE p."participationId" = ANY(${part}::uuid[])`;
    for (const r of p) profiles.set(r.participationId, r);
    const s = await tx.$queryRaw<{ id: string; schoolId: string; schoolName: string }[]>`
      SELECT pa.id, s.id AS "schoolId", s."shortName" AS "schoolName" FROM "Participation" pa JOIN "School" s ON s.id = pa."schoolId"
      WHERE pa.id = ANY(${part}::uuid[])`;
    for (const r of s) places.set(r.id, r);
  }

  const newProfiles: { id: string; participationId: string }[] = [];
  // A new entry holds the computed pair in force too (nothing is corrected yet): each text is sent once.
  const newEntries: { p: string; f: string; s: Significance; e: string }[] = [];
  const updates: { id: string; s: Significance; e: string | null; cs: Significance; ce: string }[] = [];
  const reset: string[] = [];
  const touched: string[] = [];
  const audits: Prisma.AuditEventCreateManyInput[] = [];
  const notify: { participationId: string; title: string }[] = [];
  let refreshed = 0;

  for (const participationId of ids) {
    const place = places.get(participationId);
    if (!place) continue;
    const mine = answers.get(participationId) ?? new Map<string, number>();
    const computed = new Map(factors.map((f) => [f.id, assessFactor(rules.get(f.id) ?? [], mine)]));
    const profile = profiles.get(participationId);
    if (!profile) {
      const id = randomUUID();
      newProfiles.push({ id, participationId });
      for (const f of factors) {
        const c = computed.get(f.id)!;
        newEntries.push({ p: id, f: f.id, s: c.significance, e: c.explanation });
      }
      audits.push({
        actorId: actorId,
        action: "riskProfile.compute",
        entityType: "RiskProfile",
        entityId: id,
        schoolId: place.schoolId,
        after: levels(factors, (f) => computed.get(f.id)!.significance),
      });
      notify.push({ participationId, title: `Рисковый профиль школы ${place.schoolName} рассчитан по результатам анкетирования: выберите риски для работы и подтвердите профиль` });
      continue;
    }
    const have = new Map((entries.get(participationId) ?? []).map((e) => [e.riskFactorId, e]));
    const changedLevels: { number: number; title: string; from: Significance; to: Significance }[] = [];
    let dirty = false;
    for (const f of factors) {
      const c = computed.get(f.id)!;
      const e = have.get(f.id);
      if (!e) {
        // A factor added to the year after the profile was made.
        newEntries.push({ p: profile.id, f: f.id, s: c.significance, e: c.explanation });
        dirty = true;
        continue;
      }
      const s = e.corrected ? e.significance : c.significance;
      const x = e.corrected ? e.explanation : c.explanation;
      if (s === e.significance && x === e.explanation && c.significance === e.computedSignificance && c.explanation === e.computedExplanation) continue;
      updates.push({ id: e.id, s, e: x, cs: c.significance, ce: c.explanation });
      dirty = true;
      if (s !== e.significance) changedLevels.push({ number: f.number, title: f.title, from: e.significance, to: s });
    }
    if (!dirty) continue;
    touched.push(profile.id);
    if (!changedLevels.length) {
      refreshed++;
      continue;
    }
    if (profile.verified || profile.confirmed) reset.push(profile.id);
    audits.push({
      actorId,
      action: "riskProfile.recompute",
      entityType: "RiskProfile",
      entityId: profile.id,
      schoolId: place.schoolId,
      before: Object.fromEntries(changedLevels.map((l) => [l.number, { significance: l.from }])),
      after: { ...Object.fromEntries(changedLevels.map((l) => [l.number, { significance: l.to }])), confirmationsReset: profile.verified || profile.confirmed > 0 },
    });
    const list = changedLevels.map((l) => `№ ${l.number} «${l.title}»: ${LEVEL_TITLES[l.from]} → ${LEVEL_TITLES[l.to]}`).join("; ");
    notify.push({ participationId, title: `Рисковый профиль школы ${place.schoolName} пересчитан: изменилась значимость (${list}). Проверьте профиль и подтвердите его заново` });
  }

  // Raw multi-row inserts: the first import of a year creates 5,000 profiles with a dozen entries each, and
  // the ORM's createMany builds each of those 60,000 rows through its query compiler.
  for (const part of chunk(newProfiles, PART))
    await tx.$executeRaw`
      INSERT INTO "RiskProfile" ("id", "participationId", "updatedAt")
      SELECT t.id, t."participationId", now() FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS t(id uuid, "participationId" uuid)`;
  for (const part of chunk(newEntries, PART))
    await tx.$executeRaw`
      INSERT INTO "RiskProfileEntry" ("profileId", "riskFactorId", significance, explanation, "computedSignificance", "computedExplanation")
      SELECT t.p, t.f, t.s::"Significance", t.e, t.s::"Significance", t.e
      FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS t(p uuid, f uuid, s text, e text)`;
  for (const part of chunk(updates, PART))
    await tx.$executeRaw`
      UPDATE "RiskProfileEntry" e SET significance = t.s::"Significance", explanation = t.e,
        "computedSignificance" = t.cs::"Significance", "computedExplanation" = t.ce
      FROM jsonb_to_recordset(${JSON.stringify(part)}::jsonb) AS t(id uuid, s text, e text, cs text, ce text) WHERE e.id = t.id`;
  for (const part of chunk(touched, PART)) await tx.riskProfile.updateMany({ where: { id: { in: part } }, data: { updatedAt: new Date() } });
  for (const part of chunk(reset, PART)) {
    await tx.riskProfileConfirmation.deleteMany({ where: { profileId: { in: part } } });
    await tx.riskProfile.updateMany({ where: { id: { in: part } }, data: { verifiedAt: null } });
  }
  await insertAudits(tx, audits);
  const publish = await notifyParties(tx, actorId, notify);
  return { created: newProfiles.length, levelChanged: notify.length - newProfiles.length, refreshed, publish };
}

const levels = (factors: { id: string; number: number }[], level: (f: { id: string }) => Significance) => Object.fromEntries(factors.map((f) => [f.number, { significance: level(f) }]));

/**
 * Notifies the school accounts, the assigned curators and the municipal coordinators of each participation
 * (one set-based query for the audience, one insert per few thousand notifications).
 */
async function notifyParties(tx: Tx, actorId: string | null, items: { participationId: string; title: string }[]): Promise<(pubsub: PubSub) => void> {
  if (!items.length) return () => {};
  const titles = new Map(items.map((i) => [i.participationId, i.title]));
  const created: { id: number; recipientId: string }[] = [];
  const mailed: { recipientId: string; kind: "PROFILE_RECOMPUTED"; title: string; payload: unknown }[] = [];
  for (const part of chunk([...titles.keys()], PART)) {
    const audience = await tx.$queryRaw<{ participationId: string; userId: string }[]>`
      SELECT DISTINCT pa.id AS "participationId", u.id AS "userId"
      FROM "Participation" pa
      JOIN "School" s ON s.id = pa."schoolId"
      JOIN "RoleAssignment" r ON (r.role = 'SCHOOL' AND r."schoolId" = s.id) OR (r.role = 'MUNICIPAL_COORDINATOR' AND r."municipalityId" = s."municipalityId")
      JOIN "User" u ON u.id = r."userId" AND u.active
      WHERE pa.id = ANY(${part}::uuid[])
      UNION
      SELECT ca."participationId", u.id FROM "CuratorAssignment" ca
      JOIN "User" u ON u.id = ca."curatorId" AND u.active
      JOIN "RoleAssignment" r ON r."userId" = u.id AND r.role = 'CURATOR'
      WHERE ca."participationId" = ANY(${part}::uuid[])`;
    const rows = audience
      .filter((a) => a.userId !== actorId)
      .map((a) => ({ r: a.userId, t: titles.get(a.participationId)!, p: { participationId: encodeGlobalID("Participation", a.participationId) } }));
    for (const slice of chunk(rows, PART)) {
      const ins = await tx.$queryRaw<{ id: number; recipientId: string }[]>`
        INSERT INTO "Notification" ("recipientId", kind, title, payload)
        SELECT t.r, 'PROFILE_RECOMPUTED'::"NotificationKind", t.t, t.p FROM jsonb_to_recordset(${JSON.stringify(slice)}::jsonb) AS t(r uuid, t text, p jsonb)
        RETURNING id, "recipientId"`;
      created.push(...ins);
      mailed.push(...slice.map((s) => ({ recipientId: s.r, kind: "PROFILE_RECOMPUTED" as const, title: s.t, payload: s.p })));
    }
  }
  const outboxIds = await mailNotifications(tx, mailed);
  return (pubsub) => {
    kickMail(outboxIds);
    for (const c of created) pubsub.publish("notification:created", c.recipientId, { notificationId: c.id });
  };
}
