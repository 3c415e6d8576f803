// The daily digest of curators and coordinators: one mail summarising what waits for them — reviews
// waiting for a decision, overdue items, unread notifications — sent once a local day, after DIGEST_HOUR
// (08:00) in the user's region (Region.timeZone; federal coordinators use Moscow time).
import { encodeGlobalID } from "@pothos/plugin-relay";
import { config, mailSettings } from "../../config.ts";
import type { DB, Prisma } from "../../db.ts";
import type { NotificationKind } from "../../../../prisma/generated/client/enums.ts";
import { queueMail } from "./outbox.ts";
import { digestIsEmpty, digestMail, notificationPath, type DigestContent } from "./templates.ts";

const DIGEST_ROLES = ["FEDERAL_COORDINATOR", "REGIONAL_COORDINATOR", "MUNICIPAL_COORDINATOR", "CURATOR"] as const;
const OVERDUE_KINDS: NotificationKind[] = ["DEADLINE_OVERDUE", "DOCUMENTS_OVERDUE", "ROADMAP_OVERDUE"];
const SHOWN = 10;
const BATCH = 500;

/** The local calendar date (YYYY-MM-DD) and hour of a moment in a time zone. */
export function localClock(now: Date, timeZone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" }).formatToParts(now).map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

const userSelect = {
  id: true,
  email: true,
  fullName: true,
  digestSentOn: true,
  organisation: { select: { municipality: { select: { region: { select: { timeZone: true } } } } } },
  curatorships: { take: 1, orderBy: { assignedAt: "desc" }, select: { participation: { select: { school: { select: { municipality: { select: { region: { select: { timeZone: true } } } } } } } } } },
  roles: {
    select: {
      role: true,
      regionId: true,
      municipalityId: true,
      region: { select: { timeZone: true } },
      municipality: { select: { region: { select: { timeZone: true } } } },
    },
  },
} satisfies Prisma.UserSelect;
type DigestUser = Prisma.UserGetPayload<{ select: typeof userSelect }>;

/**
 * The time zone a user's day runs in: the region of their role, of their own school, or (a curator
 * without one) of the school they curate; Moscow otherwise (federal coordinators).
 */
export function timeZoneOf(u: DigestUser): string {
  for (const r of u.roles) {
    const tz = r.region?.timeZone ?? r.municipality?.region.timeZone;
    if (tz) return tz;
  }
  return u.organisation?.municipality.region.timeZone ?? u.curatorships[0]?.participation.school.municipality.region.timeZone ?? "Europe/Moscow";
}

/** Where the submissions waiting for this user are: assigned schools for curators, territory for coordinators. */
function waitingScope(u: DigestUser): Prisma.ParticipationWhereInput | null {
  const or: Prisma.ParticipationWhereInput[] = [];
  for (const r of u.roles) {
    if (r.role === "FEDERAL_COORDINATOR") return {};
    if (r.role === "CURATOR") or.push({ curators: { some: { curatorId: u.id } } });
    if (r.role === "REGIONAL_COORDINATOR" && r.regionId) or.push({ school: { municipality: { regionId: r.regionId } } });
    if (r.role === "MUNICIPAL_COORDINATOR" && r.municipalityId) or.push({ school: { municipalityId: r.municipalityId } });
  }
  return or.length ? { OR: or } : null;
}

/** What waits for one user now. */
export async function digestContent(db: DB, u: DigestUser): Promise<DigestContent> {
  const scope = waitingScope(u);
  const none = { id: { in: [] as string[] } };
  const [docs, docsTotal, roadmaps, roadmapsTotal, overdue, unread, unreadTotal] = await Promise.all([
    db.document.findMany({
      where: { status: "SUBMITTED", participation: scope ?? none },
      orderBy: { submittedAt: "asc" },
      take: SHOWN,
      select: { id: true, kind: true, riskFactor: { select: { title: true } }, participation: { select: { school: { select: { shortName: true } } } } },
    }),
    db.document.count({ where: { status: "SUBMITTED", participation: scope ?? none } }),
    db.roadmap.findMany({ where: { status: "SUBMITTED", participation: scope ?? none }, orderBy: { submittedAt: "asc" }, take: SHOWN, select: { id: true, title: true } }),
    db.roadmap.count({ where: { status: "SUBMITTED", participation: scope ?? none } }),
    db.notification.count({ where: { recipientId: u.id, readAt: null, kind: { in: OVERDUE_KINDS } } }),
    db.notification.findMany({ where: { recipientId: u.id, readAt: null }, orderBy: { id: "desc" }, take: SHOWN, select: { kind: true, title: true, payload: true } }),
    db.notification.count({ where: { recipientId: u.id, readAt: null } }),
  ]);
  const waiting = [
    ...docs.map((d) => ({
      title: `${DOC_TITLE[d.kind] ?? "Документ"}${d.riskFactor ? ` («${d.riskFactor.title}»)` : ""} — ${d.participation.school.shortName}`,
      path: `/documents/${encodeURIComponent(encodeGlobalID("Document", d.id))}`,
    })),
    ...roadmaps.map((r) => ({ title: `Дорожная карта «${r.title}»`, path: `/roadmaps/${encodeURIComponent(encodeGlobalID("Roadmap", r.id))}` })),
  ].slice(0, SHOWN);
  return {
    reviewsWaiting: waiting,
    reviewsWaitingTotal: docsTotal + roadmapsTotal,
    overdue,
    unread: unread.map((n) => ({ title: n.title, path: notificationPath(n.kind, (n.payload ?? {}) as Record<string, unknown>) })),
    unreadTotal,
  };
}

const DOC_TITLE: Record<string, string> = {
  CONCEPT: "Концепция развития",
  MEDIUM_TERM_PROGRAMME: "Среднесрочная программа развития",
  ANTI_RISK_PROGRAMME: "Программа антирисковых мер",
};

/**
 * Queues today's digest for every curator and coordinator whose local clock has passed DIGEST_HOUR and
 * who has not had today's. The day is claimed with a conditional update in the same transaction as the
 * outbox row, so two instances running the job at once mail nobody twice. A day with nothing waiting is
 * claimed without a mail.
 */
export async function runDigest(db: DB, now: Date, opts: { userIds?: string[] } = {}): Promise<{ outboxIds: string[]; considered: number }> {
  const outboxIds: string[] = [];
  let considered = 0;
  let cursor: string | undefined;
  const base = mailSettings().publicUrl;
  for (;;) {
    const users = await db.user.findMany({
      where: {
        active: true,
        passwordHash: { not: null },
        // Curators and coordinators always; anyone else who chose «daily digest» for some kind.
        OR: [{ roles: { some: { role: { in: [...DIGEST_ROLES] } } } }, { notificationPreferences: { some: { email: "DIGEST" } } }],
        ...(opts.userIds ? { id: { in: opts.userIds } } : {}),
      },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: userSelect,
    });
    if (!users.length) break;
    cursor = users[users.length - 1]!.id;
    for (const u of users) {
      const clock = localClock(now, timeZoneOf(u));
      if (clock.hour < config.digestHour) continue;
      const day = new Date(`${clock.date}T00:00:00Z`);
      if (u.digestSentOn && u.digestSentOn.getTime() >= day.getTime()) continue;
      considered++;
      const content = await digestContent(db, u);
      const ids = await db.$transaction(async (tx) => {
        const { count } = await tx.user.updateMany({
          where: { id: u.id, OR: [{ digestSentOn: null }, { digestSentOn: { lt: day } }] },
          data: { digestSentOn: day },
        });
        if (!count || digestIsEmpty(content)) return [];
        const date = new Intl.DateTimeFormat("ru-RU", { dateStyle: "long", timeZone: "UTC" }).format(day);
        return queueMail(tx, [{ userId: u.id, to: u.email, template: "digest", mail: digestMail({ fullName: u.fullName, date, content, base }) }]);
      });
      outboxIds.push(...ids);
    }
    if (users.length < BATCH) break;
  }
  return { outboxIds, considered };
}
