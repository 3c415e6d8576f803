// The deadline scan: one pass over measures, concept documents, roadmaps and waiting submissions that turns every
// crossed threshold into notifications, set-based in one transaction: the candidates of each kind are
// collected into a temporary table (active recipients, keys not sent yet), then written with one
// INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING. Nothing is loaded into Node, and a second run, a
// restart or a second instance sends nothing twice (Notification is unique per recipient and dedupe
// key). The rows returned are the ones just written; they are published after the commit.
//
// Why two steps: checking «already sent?» inside the INSERT that fills the same table made PostgreSQL
// rescan the growing table for every row when its statistics said it was empty (a first scan of the
// national data took 5 minutes instead of 5 seconds). Checking first also keeps repeated scans from
// burning Notification ids on rows ON CONFLICT would skip.
import { Prisma } from "../../db.ts";
import type { DB } from "../../db.ts";
import type { PubSub } from "../../pubsub.ts";
import { localDaySql } from "../../shared/local-day.ts";
import { audienceSql } from "../notification/audience.ts";
import { kickMail } from "../mail/outbox.ts";
import { mailNotifications } from "../notification/service.ts";

/** Alerts look back at most this far: items overdue for longer were alerted long ago (or belong to old years). */
export const LOOKBACK_DAYS = 366;

export interface ScanScope {
  /** Only items of these municipalities (tests, or a scan of one territory); all when absent. */
  municipalityIds?: string[];
}

export interface ScanResult {
  /** Notifications written, by kind. */
  DEADLINE_SOON: number;
  DEADLINE_OVERDUE: number;
  DOCUMENTS_DUE_SOON: number;
  DOCUMENTS_OVERDUE: number;
  REVIEW_WAITING: number;
  ROADMAP_DUE_SOON: number;
  ROADMAP_OVERDUE: number;
  QUESTION_OVERDUE: number;
  ms: number;
}

type Written = { id: number; recipientId: string; kind: keyof Omit<ScanResult, "ms">; title: string; payload: unknown };

// A semi-join on the unnested list: with `= ANY(array)` a list of a thousand municipalities made the
// planner loop (76 s on the national data instead of 2).
const scopeSql = (scope: ScanScope, column: Prisma.Sql) => (scope.municipalityIds ? Prisma.sql`AND ${column} IN (SELECT unnest(${scope.municipalityIds}::uuid[]))` : Prisma.empty);

/** A Relay global id built in SQL (the same encoding as the API's). */
const gidSql = (type: string, id: Prisma.Sql) => Prisma.sql`translate(encode(convert_to(${type + ":"} || ${id}::text, 'UTF8'), 'base64'), E'\\n', '')`;

/** «12.03.2026». */
const ruDate = (d: Prisma.Sql) => Prisma.sql`to_char(${d}, 'DD.MM.YYYY')`;

/** A title fragment kept short enough for the bell. */
const short = (s: Prisma.Sql, n = 150) => Prisma.sql`(CASE WHEN length(${s}) > ${n} THEN left(${s}, ${n - 1}) || '…' ELSE ${s} END)`;

/** The temporary table a scan collects its alerts in (dropped at commit). */
const createCollector = Prisma.sql`
  CREATE TEMPORARY TABLE deadline_alert (
    "recipientId" uuid NOT NULL, kind text NOT NULL, title text NOT NULL, payload jsonb NOT NULL, "dedupeKey" text NOT NULL
  ) ON COMMIT DROP`;

/** Adds candidates to the collector: active recipients only, and only keys the recipient does not have yet. */
const collect = (candidates: Prisma.Sql) => Prisma.sql`
  INSERT INTO deadline_alert ("recipientId", kind, title, payload, "dedupeKey")
  SELECT DISTINCT ON (c."recipientId", c."dedupeKey") c."recipientId", c.kind, c.title, c.payload, c."dedupeKey"
  FROM (${candidates}) c
  JOIN "User" u ON u.id = c."recipientId" AND u.active
  WHERE NOT EXISTS (SELECT 1 FROM "Notification" n WHERE n."recipientId" = c."recipientId" AND n."dedupeKey" = c."dedupeKey")`;

/** Writes the collected alerts; ON CONFLICT is the guard against a concurrent scan. */
const writeCollected = Prisma.sql`
  INSERT INTO "Notification" ("recipientId", kind, title, payload, "dedupeKey")
  SELECT "recipientId", kind::"NotificationKind", title, payload, "dedupeKey" FROM deadline_alert ORDER BY kind, "recipientId", "dedupeKey"
  ON CONFLICT ("recipientId", "dedupeKey") DO NOTHING
  RETURNING id, "recipientId"::text AS "recipientId", kind::text AS kind, title, payload`;

/**
 * Measures due within the year's `measureDueSoonDays` (DEADLINE_SOON: the school and its curators; for a
 * municipal roadmap its coordinators) and overdue ones (DEADLINE_OVERDUE: school, curators and the
 * municipal coordinator). «Today» and «overdue» are read on the region's clock: a measure due today is
 * overdue only once that day has ended there. The dedupe key carries the due date, so a postponed
 * measure is announced again for its new date.
 */
function measureAlertsSql(now: Date, scope: ScanScope) {
  const utcToday = now.toISOString().slice(0, 10);
  return collect(Prisma.sql`
    WITH a AS (
      SELECT me.id, me.title, me."dueDate", me."roadmapId", r."participationId", p."schoolId", mu.id AS "municipalityId",
             COALESCE(s."shortName", mu.name) AS owner,
             me."dueDate" - t.today AS "daysLeft",
             CASE WHEN me."dueDate" < t.today THEN 'overdue' ELSE 'soon' END AS stage
      FROM "Measure" me
      JOIN "Roadmap" r ON r.id = me."roadmapId"
      JOIN "ProgrammeYear" py ON py.id = r."programmeYearId"
      LEFT JOIN "Participation" p ON p.id = r."participationId"
      LEFT JOIN "School" s ON s.id = p."schoolId"
      JOIN "Municipality" mu ON mu.id = COALESCE(s."municipalityId", r."municipalityId")
      JOIN "Region" rg ON rg.id = mu."regionId"
      CROSS JOIN LATERAL (SELECT ${localDaySql(now, Prisma.sql`rg."timeZone"`)} AS today) t
      WHERE me.status IN ('PLANNED', 'IN_PROGRESS')
        -- a range on the (dueDate, status) index, wide enough for every time zone and setting
        AND me."dueDate" BETWEEN ${utcToday}::date - ${LOOKBACK_DAYS}::int AND ${utcToday}::date + 367
        AND me."dueDate" <= t.today + py."measureDueSoonDays"
        AND (p.id IS NULL OR p.status = 'PARTICIPATING')
        ${scopeSql(scope, Prisma.sql`mu.id`)}
    ),
    rcpt AS (
      ${audienceSql("a", { key: "a.id", schoolId: 'a."schoolId"', participationId: 'a."participationId"', municipalityId: 'a."municipalityId"' }, [
        { audience: "school" },
        { audience: "curators" },
        { audience: "municipal", when: `a.stage = 'overdue' OR a."participationId" IS NULL` },
      ])}
    )
    SELECT rcpt."recipientId",
           CASE a.stage WHEN 'overdue' THEN 'DEADLINE_OVERDUE' ELSE 'DEADLINE_SOON' END AS kind,
           CASE a.stage
             WHEN 'overdue' THEN a.owner || ': просрочено мероприятие «' || ${short(Prisma.sql`a.title`)} || '» (срок ' || ${ruDate(Prisma.sql`a."dueDate"`)} || ')'
             ELSE a.owner || ': срок мероприятия «' || ${short(Prisma.sql`a.title`)} || '» — ' || ${ruDate(Prisma.sql`a."dueDate"`)} || ' ('
               || CASE a."daysLeft" WHEN 0 THEN 'сегодня' WHEN 1 THEN 'завтра' ELSE 'через ' || a."daysLeft" || ' дн.' END || ')'
           END AS title,
           jsonb_strip_nulls(jsonb_build_object(
             'measureId', ${gidSql("Measure", Prisma.sql`a.id`)},
             'roadmapId', ${gidSql("Roadmap", Prisma.sql`a."roadmapId"`)},
             'participationId', CASE WHEN a."participationId" IS NOT NULL THEN ${gidSql("Participation", Prisma.sql`a."participationId"`)} END,
             'schoolId', CASE WHEN a."schoolId" IS NOT NULL THEN ${gidSql("School", Prisma.sql`a."schoolId"`)} END,
             'dueDate', a."dueDate"::text)) AS payload,
           'measure:' || a.id || ':' || a.stage || ':' || a."dueDate"::text AS "dedupeKey"
    FROM rcpt JOIN a ON a.id = rcpt.key`);
}

/** Document kinds a participation owes, with their titles (one anti-risk programme per chosen risk). */
const owedDocumentsSql = Prisma.sql`
  SELECT p.id AS "participationId", k.kind, NULL::uuid AS "riskFactorId", k.title, k.ord, 0 AS num
  FROM "Participation" p
  CROSS JOIN (VALUES ('CONCEPT', 'Концепция развития', 1), ('MEDIUM_TERM_PROGRAMME', 'Среднесрочная программа развития', 2)) AS k(kind, title, ord)
  UNION ALL
  SELECT rp."participationId", 'ANTI_RISK_PROGRAMME', e."riskFactorId", 'Программа антирисковых мер «' || f.title || '»', 3, f.number
  FROM "RiskProfile" rp
  JOIN "RiskProfileEntry" e ON e."profileId" = rp.id AND e.chosen
  JOIN "RiskFactor" f ON f.id = e."riskFactorId"`;

/**
 * Concept documents not yet sent for review (or approved): from `documentsDueSoonDays` before the
 * programme year's `conceptDocumentsDue` until that day ends (DOCUMENTS_DUE_SOON, to the school), and
 * after it (DOCUMENTS_OVERDUE, to school, curators and municipal coordinator). One alert per
 * participation and stage, listing what is missing.
 */
function documentAlertsSql(now: Date, scope: ScanScope) {
  return collect(Prisma.sql`
    WITH pt AS (
      SELECT p.id, p."schoolId", s."shortName" AS school, s."municipalityId", py."conceptDocumentsDue" AS due,
             CASE WHEN py."conceptDocumentsDue" < t.today THEN 'overdue' ELSE 'soon' END AS stage,
             py."conceptDocumentsDue" - t.today AS "daysLeft"
      FROM "Participation" p
      JOIN "ProgrammeYear" py ON py.id = p."programmeYearId"
      JOIN "School" s ON s.id = p."schoolId"
      JOIN "Municipality" mu ON mu.id = s."municipalityId"
      JOIN "Region" rg ON rg.id = mu."regionId"
      CROSS JOIN LATERAL (SELECT ${localDaySql(now, Prisma.sql`rg."timeZone"`)} AS today) t
      WHERE p.status = 'PARTICIPATING'
        AND t.today >= py."conceptDocumentsDue" - py."documentsDueSoonDays"
        AND t.today <= py."conceptDocumentsDue" + ${LOOKBACK_DAYS}::int
        ${scopeSql(scope, Prisma.sql`mu.id`)}
    ),
    missing AS (
      SELECT pt.id, string_agg(o.title, ', ' ORDER BY o.ord, o.num) AS titles
      FROM pt
      JOIN (${owedDocumentsSql}) o ON o."participationId" = pt.id
      WHERE NOT EXISTS (
        SELECT 1 FROM "Document" d
        WHERE d."participationId" = pt.id AND d.kind::text = o.kind
          AND d."riskFactorId" IS NOT DISTINCT FROM o."riskFactorId" AND d.status IN ('SUBMITTED', 'APPROVED'))
      GROUP BY pt.id
    ),
    rcpt AS (
      ${audienceSql("pt", { key: "pt.id", schoolId: 'pt."schoolId"', participationId: "pt.id", municipalityId: 'pt."municipalityId"' }, [
        { audience: "school" },
        { audience: "curators", when: "pt.stage = 'overdue'" },
        { audience: "municipal", when: "pt.stage = 'overdue'" },
      ])}
    )
    SELECT rcpt."recipientId",
           CASE pt.stage WHEN 'overdue' THEN 'DOCUMENTS_OVERDUE' ELSE 'DOCUMENTS_DUE_SOON' END AS kind,
           CASE pt.stage
             WHEN 'overdue' THEN pt.school || ': срок концептуальных документов (' || ${ruDate(Prisma.sql`pt.due`)} || ') прошёл, не отправлены на проверку: ' || missing.titles
             ELSE pt.school || ': до ' || ${ruDate(Prisma.sql`pt.due`)} || ' ('
               || CASE pt."daysLeft" WHEN 0 THEN 'сегодня' WHEN 1 THEN 'завтра' ELSE 'через ' || pt."daysLeft" || ' дн.' END
               || ') отправьте на проверку: ' || missing.titles
           END AS title,
           jsonb_build_object(
             'participationId', ${gidSql("Participation", Prisma.sql`pt.id`)},
             'schoolId', ${gidSql("School", Prisma.sql`pt."schoolId"`)},
             'dueDate', pt.due::text) AS payload,
           'participation:' || pt.id || ':documents:' || pt.stage || ':' || pt.due::text AS "dedupeKey"
    FROM rcpt JOIN pt ON pt.id = rcpt.key JOIN missing ON missing.id = pt.id`);
}

/**
 * Submitted versions waiting for a decision longer than the year's `reviewWaitDays` (REVIEW_WAITING, to
 * the participation's curators and the municipal coordinator). A resubmission starts a new wait.
 */
function reviewAlertsSql(now: Date, scope: ScanScope) {
  return collect(Prisma.sql`
    WITH w AS (
      SELECT d.id, d.kind, d."submittedAt", d."participationId", p."schoolId", s."shortName" AS school, s."municipalityId",
             COALESCE(f.title, '') AS factor,
             floor(extract(epoch FROM (${now.toISOString()}::timestamptz - (d."submittedAt" AT TIME ZONE 'UTC'))) / 86400)::int AS days
      FROM "Document" d
      JOIN "Participation" p ON p.id = d."participationId"
      JOIN "ProgrammeYear" py ON py.id = p."programmeYearId"
      JOIN "School" s ON s.id = p."schoolId"
      LEFT JOIN "RiskFactor" f ON f.id = d."riskFactorId"
      WHERE d.status = 'SUBMITTED' AND p.status = 'PARTICIPATING'
        AND d."submittedAt" AT TIME ZONE 'UTC' < ${now.toISOString()}::timestamptz - make_interval(days => py."reviewWaitDays")
        AND d."submittedAt" AT TIME ZONE 'UTC' > ${now.toISOString()}::timestamptz - make_interval(days => ${LOOKBACK_DAYS}::int)
        ${scopeSql(scope, Prisma.sql`s."municipalityId"`)}
    ),
    rcpt AS (
      ${audienceSql("w", { key: "w.id", participationId: 'w."participationId"', municipalityId: 'w."municipalityId"' }, [{ audience: "curators" }, { audience: "municipal" }])}
    )
    SELECT rcpt."recipientId", 'REVIEW_WAITING' AS kind,
           w.school || ': документ «' || CASE w.kind
             WHEN 'CONCEPT' THEN 'Концепция развития'
             WHEN 'MEDIUM_TERM_PROGRAMME' THEN 'Среднесрочная программа развития'
             WHEN 'ANTI_RISK_PROGRAMME' THEN 'Программа антирисковых мер ' || w.factor
             ELSE 'Приложение к дорожной карте' END
           || '» ждёт проверки ' || w.days || ' дн. (отправлен ' || ${ruDate(Prisma.sql`w."submittedAt"`)} || ')' AS title,
           jsonb_build_object(
             'documentId', ${gidSql("Document", Prisma.sql`w.id`)},
             'participationId', ${gidSql("Participation", Prisma.sql`w."participationId"`)},
             'schoolId', ${gidSql("School", Prisma.sql`w."schoolId"`)}) AS payload,
           'document:' || w.id || ':review-waiting:' || (extract(epoch FROM w."submittedAt") * 1000)::bigint AS "dedupeKey"
    FROM rcpt JOIN w ON w.id = rcpt.key`);
}

/**
 * Roadmaps not yet sent for review or approved — exactly like the concept documents, against the
 * year's `roadmapDue`: from `documentsDueSoonDays` before it until that day ends (ROADMAP_DUE_SOON, to the
 * owner) and after it (ROADMAP_OVERDUE, to the owner and those above it). A school owes its roadmap
 * (school accounts; overdue also curators and the municipal coordinator); a municipality with
 * participating schools that year owes its municipal roadmap (municipal coordinators; overdue also the
 * region's coordinators). A roadmap once approved has met the deadline, even while a later change is
 * a new draft; one that is on review has too.
 */
function roadmapAlertsSql(now: Date, scope: ScanScope) {
  const met = (r: string) => Prisma.sql`(${Prisma.raw(r)}.status = 'SUBMITTED' OR EXISTS (
    SELECT 1 FROM "RoadmapReview" rr WHERE rr."roadmapId" = ${Prisma.raw(r)}.id AND rr.decision = 'APPROVED'))`;
  return collect(Prisma.sql`
    WITH yr AS (
      SELECT py.id, py."roadmapDue" AS due, py."documentsDueSoonDays" AS soon FROM "ProgrammeYear" py WHERE py."roadmapDue" IS NOT NULL
    ),
    owed AS (
      SELECT 'participation' AS owner_kind, p.id::text AS owner_id, p.id AS "participationId", p."schoolId", mu.id AS "municipalityId", mu."regionId",
             s."shortName" AS owner, yr.due, t.today, 'Participation' AS gtype
      FROM "Participation" p
      JOIN yr ON yr.id = p."programmeYearId"
      JOIN "School" s ON s.id = p."schoolId"
      JOIN "Municipality" mu ON mu.id = s."municipalityId"
      JOIN "Region" rg ON rg.id = mu."regionId"
      CROSS JOIN LATERAL (SELECT ${localDaySql(now, Prisma.sql`rg."timeZone"`)} AS today) t
      WHERE p.status = 'PARTICIPATING'
        AND t.today >= yr.due - yr.soon AND t.today <= yr.due + ${LOOKBACK_DAYS}::int
        ${scopeSql(scope, Prisma.sql`mu.id`)}
        AND NOT EXISTS (SELECT 1 FROM "Roadmap" r WHERE r."participationId" = p.id AND ${met("r")})
      UNION ALL
      SELECT 'municipality', mu.id::text || ':' || yr.id::text, NULL::uuid, NULL::uuid, mu.id, mu."regionId", mu.name, yr.due, t.today, 'Municipality'
      FROM yr
      JOIN "Municipality" mu ON EXISTS (
        SELECT 1 FROM "Participation" p JOIN "School" s ON s.id = p."schoolId"
        WHERE p."programmeYearId" = yr.id AND p.status = 'PARTICIPATING' AND s."municipalityId" = mu.id)
      JOIN "Region" rg ON rg.id = mu."regionId"
      CROSS JOIN LATERAL (SELECT ${localDaySql(now, Prisma.sql`rg."timeZone"`)} AS today) t
      WHERE t.today >= yr.due - yr.soon AND t.today <= yr.due + ${LOOKBACK_DAYS}::int
        ${scopeSql(scope, Prisma.sql`mu.id`)}
        AND NOT EXISTS (SELECT 1 FROM "Roadmap" r WHERE r."municipalityId" = mu.id AND r."programmeYearId" = yr.id AND ${met("r")})
    ),
    o AS (SELECT owed.*, CASE WHEN owed.due < owed.today THEN 'overdue' ELSE 'soon' END AS stage, owed.due - owed.today AS "daysLeft" FROM owed),
    rcpt AS (
      ${audienceSql("o", { key: "o.owner_id", schoolId: 'o."schoolId"', participationId: 'o."participationId"', municipalityId: 'o."municipalityId"', regionId: 'o."regionId"' }, [
        { audience: "school" },
        { audience: "curators", when: "o.stage = 'overdue'" },
        { audience: "municipal", when: "o.stage = 'overdue' OR o.owner_kind = 'municipality'" },
        { audience: "regional", when: "o.stage = 'overdue' AND o.owner_kind = 'municipality'" },
      ])}
    )
    SELECT rcpt."recipientId",
           CASE o.stage WHEN 'overdue' THEN 'ROADMAP_OVERDUE' ELSE 'ROADMAP_DUE_SOON' END AS kind,
           CASE o.stage
             WHEN 'overdue' THEN o.owner || ': срок дорожной карты (' || ${ruDate(Prisma.sql`o.due`)} || ') прошёл, а она не отправлена на проверку или не принята'
             ELSE o.owner || ': до ' || ${ruDate(Prisma.sql`o.due`)} || ' ('
               || CASE o."daysLeft" WHEN 0 THEN 'сегодня' WHEN 1 THEN 'завтра' ELSE 'через ' || o."daysLeft" || ' дн.' END
               || ') отправьте дорожную карту на проверку'
           END AS title,
           jsonb_strip_nulls(jsonb_build_object(
             'participationId', CASE WHEN o."participationId" IS NOT NULL THEN ${gidSql("Participation", Prisma.sql`o."participationId"`)} END,
             'schoolId', CASE WHEN o."schoolId" IS NOT NULL THEN ${gidSql("School", Prisma.sql`o."schoolId"`)} END,
             'municipalityId', CASE WHEN o."schoolId" IS NULL THEN ${gidSql("Municipality", Prisma.sql`o."municipalityId"`)} END,
             'dueDate', o.due::text)) AS payload,
           'roadmap-due:' || o.owner_id || ':' || o.stage || ':' || o.due::text AS "dedupeKey"
    FROM rcpt JOIN o ON o.owner_id = rcpt.key`);
}

/**
 * Questions of the consultation line still unanswered (new, in work or passed on) after the year's
 * `questionAnswerDays` (5 when the question has no year) alert the coordinators of the asker's region —
 * and, for a question passed on to the federal level, the federal coordinators — exactly once per
 * question (QUESTION_OVERDUE).
 */
function questionAlertsSql(now: Date, scope: ScanScope) {
  return collect(Prisma.sql`
    WITH late AS (
      SELECT q.id, q."regionId", q.level, q."createdAt", tp.title AS topic, COALESCE(py."questionAnswerDays", 5) AS days
      FROM "Question" q
      JOIN "QuestionTopic" tp ON tp.id = q."topicId"
      LEFT JOIN "ProgrammeYear" py ON py.id = q."programmeYearId"
      WHERE q.status <> 'ANSWERED'
        AND q."createdAt" AT TIME ZONE 'UTC' >= ${now.toISOString()}::timestamptz - make_interval(days => ${LOOKBACK_DAYS}::int)
        AND q."createdAt" AT TIME ZONE 'UTC' < ${now.toISOString()}::timestamptz - make_interval(days => COALESCE(py."questionAnswerDays", 5))
        ${scopeSql(scope, Prisma.sql`q."municipalityId"`)}
    ),
    rcpt AS (
      SELECT l.id, ra."userId" AS "recipientId" FROM late l JOIN "RoleAssignment" ra ON ra.role = 'REGIONAL_COORDINATOR' AND ra."regionId" = l."regionId"
      UNION
      SELECT l.id, ra."userId" FROM late l JOIN "RoleAssignment" ra ON ra.role = 'FEDERAL_COORDINATOR' WHERE l.level = 'FEDERAL'
    )
    SELECT rcpt."recipientId", 'QUESTION_OVERDUE' AS kind,
           'Вопрос консультационной линии без ответа больше ' || l.days || ' дн. (' || l.topic || ', задан ' || ${ruDate(Prisma.sql`l."createdAt"`)} || ')' AS title,
           jsonb_build_object('questionId', ${gidSql("Question", Prisma.sql`l.id`)}) AS payload,
           'question-overdue:' || l.id::text AS "dedupeKey"
    FROM rcpt JOIN late l ON l.id = rcpt.id`);
}

/** The scan's statements, in order, all in one transaction; the last one returns what it wrote. */
export const scanStatements = (now: Date, scope: ScanScope = {}) => [
  { name: "collector", sql: createCollector },
  { name: "measures", sql: measureAlertsSql(now, scope) },
  { name: "documents", sql: documentAlertsSql(now, scope) },
  { name: "reviews", sql: reviewAlertsSql(now, scope) },
  { name: "roadmaps", sql: roadmapAlertsSql(now, scope) },
  { name: "questions", sql: questionAlertsSql(now, scope) },
  { name: "write", sql: writeCollected },
];

/**
 * Runs one deadline scan at the moment `now` and publishes every notification it wrote, live through
 * `notificationReceived`. Safe to run as often as wanted, concurrently or after a restart: an alert
 * exists once per recipient, item and threshold.
 */
export async function runDeadlineScan(db: DB, pubsub: PubSub | null, now = new Date(), scope: ScanScope = {}): Promise<ScanResult> {
  const t0 = performance.now();
  const result: ScanResult = {
    DEADLINE_SOON: 0,
    DEADLINE_OVERDUE: 0,
    DOCUMENTS_DUE_SOON: 0,
    DOCUMENTS_OVERDUE: 0,
    REVIEW_WAITING: 0,
    ROADMAP_DUE_SOON: 0,
    ROADMAP_OVERDUE: 0,
    QUESTION_OVERDUE: 0,
    ms: 0,
  };
  const statements = scanStatements(now, scope);
  const { written, outboxIds } = await db.$transaction(
    async (tx) => {
      for (const { sql } of statements.slice(0, -1)) await tx.$executeRaw(sql);
      const written = await tx.$queryRaw<Written[]>(statements.at(-1)!.sql);
      // Alerts are mailed by the same rule as every other notification, in the same transaction.
      return { written, outboxIds: await mailNotifications(tx, written) };
    },
    { maxWait: 30_000, timeout: 15 * 60_000 },
  );
  kickMail(outboxIds);
  for (const n of written) {
    result[n.kind]++;
    pubsub?.publish("notification:created", n.recipientId, { notificationId: n.id });
  }
  result.ms = Math.round(performance.now() - t0);
  return result;
}
