// Events: a coordinator creates one with its audience (roles in a territory), everyone invited gets an
// Attendance row and a notification; attendance is marked by hand or imported from a webinar platform's
// export (matched by e-mail, unmatched rows listed). House order: assert access → validate → one
// transaction with the rows, the audit entry and the notifications → publish after commit.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { config } from "../../config.ts";
import type { Context } from "../../context.ts";
import { Prisma } from "../../db.ts";
import { fail, forbidden, notFound } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canManageEvent, canOverseeEvent } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import type { EventKind, Role } from "../../../../prisma/generated/client/enums.ts";
import { readTable, TableUnreadableError } from "../../shared/table.ts";
import { audit } from "../audit/service.ts";
import { localInstant } from "../document/deadline.ts";
import { writeNotifications, type NewNotification } from "../notification/service.ts";
import { emailColumn, INVITEES_MAX, KIND_LABEL, normalEmail, parseLocal, ROLE_AUDIENCE_LABEL } from "./validation.ts";
import { yearWhere } from "../programme/years.ts";

const TX = { maxWait: 15_000, timeout: 60_000 } as const;

export interface AudienceLine {
  role: Role;
  regionId?: string | null;
  municipalityId?: string | null;
}

export interface CreateEventInput {
  kind: EventKind;
  title: string;
  description?: string | null;
  /** Local wall-clock start in the region's time zone, «YYYY-MM-DDTHH:MM». */
  startsAt: string;
  durationMinutes?: number | null;
  url?: string | null;
  /** The region running the event; none for a federal event. */
  regionId?: string | null;
  audience: AudienceLine[];
}

/** The users an audience invites: active people holding the role in the territory (by a role's place or their organisation). */
async function resolveAudience(ctx: Context | { db: Context["db"] }, lines: AudienceLine[]): Promise<string[]> {
  const found = new Set<string>();
  for (const l of lines) {
    const rows = await ctx.db.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT u.id
      FROM "User" u
      JOIN "RoleAssignment" ra ON ra."userId" = u.id
      LEFT JOIN "Municipality" mu ON mu.id = ra."municipalityId"
      LEFT JOIN "School" s ON s.id = ra."schoolId"
      LEFT JOIN "Municipality" sm ON sm.id = s."municipalityId"
      LEFT JOIN "School" os ON os.id = u."organisationId"
      LEFT JOIN "Municipality" om ON om.id = os."municipalityId"
      WHERE u.active AND ra.role = ${l.role}::"Role"
        AND (${l.regionId ?? null}::uuid IS NULL OR COALESCE(ra."regionId", mu."regionId", sm."regionId", om."regionId") = ${l.regionId ?? null}::uuid)
        AND (${l.municipalityId ?? null}::uuid IS NULL OR COALESCE(ra."municipalityId", s."municipalityId", os."municipalityId") = ${l.municipalityId ?? null}::uuid)
      LIMIT ${INVITEES_MAX + 1}`;
    for (const r of rows) found.add(r.id);
    if (found.size > INVITEES_MAX) throw fail("AUDIENCE_TOO_LARGE", `Аудитория больше ${INVITEES_MAX} человек: сузьте её по территории или роли`);
  }
  return [...found];
}

/** Checks the audience lies inside the event's region (a regional event invites only its own region's people). */
async function checkAudience(ctx: Context, regionId: string | null, lines: AudienceLine[]): Promise<AudienceLine[]> {
  const out: AudienceLine[] = [];
  for (const l of lines) {
    let region = l.regionId ?? null;
    if (l.municipalityId) {
      const m = await ctx.db.municipality.findUnique({ where: { id: l.municipalityId }, select: { regionId: true } });
      if (!m) throw fail("TERRITORY_NOT_FOUND", "Муниципалитет аудитории не найден");
      if (region && region !== m.regionId) throw fail("TERRITORY_MISMATCH", "Муниципалитет не входит в выбранный регион");
      region = m.regionId;
    } else if (region && !(await ctx.db.region.findUnique({ where: { id: region }, select: { id: true } }))) throw fail("TERRITORY_NOT_FOUND", "Регион аудитории не найден");
    if (regionId && region !== regionId) throw fail("AUDIENCE_OUTSIDE_REGION", "Региональное мероприятие приглашает только участников своего региона");
    out.push({ role: l.role, regionId: region, municipalityId: l.municipalityId ?? null });
  }
  return out;
}

/**
 * Creates an event and invites its audience: an Attendance row (not yet attended) and an EVENT_INVITED
 * notification for each person. A regional coordinator creates events of its region only.
 */
export async function createEvent(ctx: Context, input: CreateEventInput): Promise<{ id: string; invited: number }> {
  const viewer = requireViewer(ctx);
  const regionId = input.regionId ?? null;
  if (!canManageEvent(viewer.act, regionId)) throw forbidden(regionId ? "Создавать мероприятия региона может его координатор" : "Федеральные мероприятия создаёт федеральный координатор");
  const region = regionId ? await ctx.db.region.findUnique({ where: { id: regionId }, select: { id: true, timeZone: true, name: true } }) : null;
  if (regionId && !region) throw notFound("Регион не найден");
  const timeZone = region?.timeZone ?? "Europe/Moscow";
  const local = parseLocal(input.startsAt);
  if (!local) throw fail("BAD_START", "Укажите дату и время начала");
  const startsAt = localInstant(local.y, local.m, local.d, local.h, local.mi, timeZone);
  const year = await ctx.db.programmeYear.findFirst({ where: yearWhere(local.y), select: { id: true } });
  const audience = await checkAudience(ctx, regionId, input.audience);
  const invitees = await resolveAudience(ctx, audience);
  if (!invitees.length) throw fail("AUDIENCE_EMPTY", "В выбранной аудитории нет ни одного пользователя: выберите другую роль или территорию");

  const when = new Intl.DateTimeFormat("ru-RU", { timeZone, day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" }).format(startsAt);
  const { id, publish } = await ctx.db.$transaction(async (tx) => {
    const e = await tx.event.create({
      data: {
        kind: input.kind,
        title: input.title.trim(),
        description: input.description?.trim() || null,
        startsAt,
        durationMinutes: input.durationMinutes ?? 90,
        timeZone,
        url: input.url?.trim() || null,
        regionId,
        programmeYearId: year?.id ?? null,
        createdById: viewer.id,
        audience: { create: audience.map((a) => ({ role: a.role, regionId: a.regionId ?? null, municipalityId: a.municipalityId ?? null })) },
      },
      select: { id: true },
    });
    await tx.attendance.createMany({ data: invitees.map((userId) => ({ eventId: e.id, userId })) });
    await audit(tx, {
      actorId: viewer.id,
      action: "event.created",
      entityType: "Event",
      entityId: e.id,
      after: { kind: input.kind, title: input.title.trim(), startsAt: startsAt.toISOString(), timeZone, regionId, audience, invited: invitees.length },
    });
    const items: NewNotification[] = invitees
      .filter((u) => u !== viewer.id)
      .map((recipientId) => ({
        recipientId,
        kind: "EVENT_INVITED",
        title: `Приглашение: ${KIND_LABEL[input.kind]} «${input.title.trim()}», ${when} (${timeZone})`,
        payload: { eventId: encodeGlobalID("Event", e.id) },
        dedupeKey: `event:${e.id}:invited`,
      }));
    return { id: e.id, publish: await writeNotifications(tx, items) };
  }, TX);
  publish(ctx.pubsub);
  return { id, invited: invitees.length };
}

/** A short Russian description of an audience line: «кураторы — Забайкальский край». */
export function audienceLabel(l: { role: Role; region?: { name: string } | null; municipality?: { name: string } | null }) {
  const where = l.municipality?.name ?? l.region?.name ?? "все регионы";
  return `${ROLE_AUDIENCE_LABEL[l.role]} — ${where}`;
}

async function loadManaged(ctx: Context, viewer: Viewer, eventId: string) {
  const e = await ctx.db.event.findUnique({ where: { id: eventId }, select: { id: true, regionId: true, title: true } });
  if (!e) throw notFound("Мероприятие не найдено");
  if (!canManageEvent(viewer.act, e.regionId)) {
    const sees = canOverseeEvent(viewer.read, e.regionId) || !!(await ctx.db.attendance.findUnique({ where: { eventId_userId: { eventId, userId: viewer.id } } }));
    if (!sees) throw notFound("Мероприятие не найдено");
    throw forbidden("Отмечать участие может координатор, проводящий мероприятие");
  }
  return e;
}

export interface Mark {
  userId: string;
  attended: boolean;
}

/** Marks attendance by hand for invited people; someone not invited is refused with a clear message. */
export async function markAttendance(ctx: Context, eventId: string, marks: Mark[]): Promise<{ changed: number }> {
  const viewer = requireViewer(ctx);
  const e = await loadManaged(ctx, viewer, eventId);
  const wanted = new Map(marks.map((m) => [m.userId, m.attended]));
  const rows = await ctx.db.attendance.findMany({ where: { eventId: e.id, userId: { in: [...wanted.keys()] } }, select: { id: true, userId: true, attended: true } });
  if (rows.length !== wanted.size) throw fail("NOT_INVITED", "Отметить можно только приглашённых на мероприятие");
  const toChange = rows.filter((r) => r.attended !== wanted.get(r.userId));
  if (!toChange.length) return { changed: 0 };
  await ctx.db.$transaction(async (tx) => {
    for (const r of toChange) await tx.attendance.update({ where: { id: r.id }, data: { attended: wanted.get(r.userId)!, source: "MANUAL", markedAt: new Date(), markedById: viewer.id } });
    await audit(tx, {
      actorId: viewer.id,
      action: "event.attendance.marked",
      entityType: "Event",
      entityId: e.id,
      before: toChange.map((r) => ({ userId: r.userId, attended: r.attended })),
      after: toChange.map((r) => ({ userId: r.userId, attended: wanted.get(r.userId) })),
    });
  }, TX);
  return { changed: toChange.length };
}

export interface ImportRow {
  rowNumber: number;
  email: string;
  fullName: string | null;
  userId: string | null;
  /** Why a row did not match (null when matched). */
  problem: string | null;
}
export interface ImportResult {
  matched: ImportRow[];
  unmatched: ImportRow[];
  /** How many invitations the import marks (or marked) as attended that were not yet. */
  newlyAttended: number;
  applied: boolean;
}

/** Reads a platform export and matches its rows to the event's invitations by e-mail. */
async function matchImport(ctx: Context, eventId: string, file: File): Promise<Omit<ImportResult, "applied">> {
  if (file.size > config.uploadMaxBytes) throw fail("FILE_TOO_LARGE", `Файл больше допустимых ${Math.round(config.uploadMaxBytes / 1024 / 1024)} МБ`);
  let table;
  try {
    table = await readTable(new Uint8Array(await file.arrayBuffer()), file.name);
  } catch (e) {
    if (e instanceof TableUnreadableError) throw fail("TABLE_UNREADABLE", e.message);
    throw e;
  }
  const col = emailColumn(
    table.header,
    table.rows.map((r) => r.cells),
  );
  if (col < 0) throw fail("NO_EMAIL_COLUMN", "В файле нет столбца с адресами электронной почты (например, «Email»)");
  const emails = [...new Set(table.rows.map((r) => normalEmail(r.cells[col])).filter((x): x is string => !!x))];
  const users = emails.length
    ? await ctx.db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, fullName: true, attendance: { where: { eventId }, select: { attended: true } } } })
    : [];
  const byEmail = new Map(users.map((u) => [u.email, u]));
  const matched: ImportRow[] = [];
  const unmatched: ImportRow[] = [];
  const seen = new Set<string>();
  let newlyAttended = 0;
  for (const r of table.rows) {
    const raw = (r.cells[col] ?? "").trim();
    if (!r.cells.some((c) => c.trim())) continue;
    const email = normalEmail(raw);
    if (!email) {
      unmatched.push({ rowNumber: r.rowNumber, email: raw.slice(0, 200), fullName: null, userId: null, problem: raw ? "не похоже на адрес почты" : "адрес почты не указан" });
      continue;
    }
    const u = byEmail.get(email);
    if (!u) unmatched.push({ rowNumber: r.rowNumber, email, fullName: null, userId: null, problem: "нет пользователя с такой почтой" });
    else if (!u.attendance.length) unmatched.push({ rowNumber: r.rowNumber, email, fullName: u.fullName, userId: u.id, problem: "не приглашён на мероприятие" });
    else if (seen.has(u.id)) continue;
    else {
      seen.add(u.id);
      if (!u.attendance[0]!.attended) newlyAttended++;
      matched.push({ rowNumber: r.rowNumber, email, fullName: u.fullName, userId: u.id, problem: null });
    }
  }
  return { matched, unmatched, newlyAttended };
}

/**
 * Attendance from a webinar platform's export (.csv or .xlsx, bounded by the shared table reader):
 * rows matched to invitations by e-mail; with `apply` the matched people are marked as attended in one
 * transaction with its audit entry (the unmatched rows are recorded there too). Without it, a preview.
 */
export async function importAttendance(ctx: Context, eventId: string, file: File, apply: boolean): Promise<ImportResult> {
  const viewer = requireViewer(ctx);
  const e = await loadManaged(ctx, viewer, eventId);
  const r = await matchImport(ctx, e.id, file);
  if (!apply) return { ...r, applied: false };
  if (!r.matched.length) throw fail("NOTHING_MATCHED", "Ни одна строка файла не совпала с приглашёнными по адресу почты");
  const ids = r.matched.map((m) => m.userId!);
  await ctx.db.$transaction(async (tx) => {
    await tx.attendance.updateMany({ where: { eventId: e.id, userId: { in: ids }, attended: false }, data: { attended: true, source: "IMPORT", markedAt: new Date(), markedById: viewer.id } });
    await audit(tx, {
      actorId: viewer.id,
      action: "event.attendance.imported",
      entityType: "Event",
      entityId: e.id,
      after: {
        file: file.name.slice(0, 200),
        matched: ids.length,
        newlyAttended: r.newlyAttended,
        unmatched: r.unmatched.slice(0, 200).map((u) => ({ row: u.rowNumber, email: u.email, problem: u.problem })),
      },
    });
  }, TX);
  return { ...r, applied: true };
}

export interface TerritoryFigure {
  territoryId: string;
  name: string;
  invited: number;
  attended: number;
}

/**
 * Attendance per territory: per region for a federal event, per municipality for a regional one. A person
 * counts where their role (or organisation) places them, once.
 */
export async function attendanceByTerritory(ctx: Context, e: { id: string; regionId: string | null }): Promise<TerritoryFigure[]> {
  const byMunicipality = !!e.regionId;
  const rows = await ctx.db.$queryRaw<{ id: string; name: string; invited: number; attended: number }[]>`
    WITH place AS (
      SELECT DISTINCT ON (a.id) a.id, a.attended,
        COALESCE(ra."regionId", mu."regionId", sm."regionId", om."regionId") AS region_id,
        COALESCE(ra."municipalityId", s."municipalityId", os."municipalityId") AS municipality_id
      FROM "Attendance" a
      JOIN "User" u ON u.id = a."userId"
      LEFT JOIN "RoleAssignment" ra ON ra."userId" = u.id
      LEFT JOIN "Municipality" mu ON mu.id = ra."municipalityId"
      LEFT JOIN "School" s ON s.id = ra."schoolId"
      LEFT JOIN "Municipality" sm ON sm.id = s."municipalityId"
      LEFT JOIN "School" os ON os.id = u."organisationId"
      LEFT JOIN "Municipality" om ON om.id = os."municipalityId"
      WHERE a."eventId" = ${e.id}::uuid
      ORDER BY a.id, (ra."municipalityId" IS NULL AND s."municipalityId" IS NULL)
    )
    SELECT ${byMunicipality ? Prisma.sql`m.id::text AS id, m.name` : Prisma.sql`r.id::text AS id, r.name`},
      count(*)::int AS invited, count(*) FILTER (WHERE p.attended)::int AS attended
    FROM place p
    ${byMunicipality ? Prisma.sql`JOIN "Municipality" m ON m.id = p.municipality_id GROUP BY m.id, m.name` : Prisma.sql`JOIN "Region" r ON r.id = p.region_id GROUP BY r.id, r.name`}
    ORDER BY 2
    LIMIT 3000`;
  return rows.map((r) => ({ territoryId: r.id, name: r.name, invited: r.invited, attended: r.attended }));
}
