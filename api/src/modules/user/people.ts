// Managing people: accounts with one-time invitation links, curator assignments, deactivation,
// password changes. Each call: assert → validate → write (with audit) → publish.
import { config } from "../../config.ts";
import type { Context } from "../../context.ts";
import { badInput, DomainError, forbidden, notFound } from "../../errors.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { canAssignCurator, canGrantRole, roleScopeProblem, type RoleScope } from "../../auth/access.ts";
import { hashPassword, verifyPassword } from "../../auth/password.ts";
import { checkPasswordStrength } from "../../auth/password-strength.ts";
import { createSession, sessionCookie } from "../../auth/session.ts";
import { generateToken, parseToken, secretMatches } from "../../auth/tokens.ts";
import { loadViewer } from "../../auth/viewer.ts";
import { publishAccessChanged } from "../../auth/live-access.ts";
import { audit } from "../audit/service.ts";
import { kickMail, queueInvitationMail } from "../mail/outbox.ts";
import { normaliseEmail } from "./service.ts";

export class EmailTakenError extends DomainError {
  constructor(email: string) {
    super(`Пользователь с e-mail ${email} уже есть`, "EMAIL_TAKEN");
  }
}
export class InvitationInvalidError extends DomainError {
  constructor() {
    super("Ссылка-приглашение недействительна или устарела. Попросите координатора выслать новую.", "INVITATION_INVALID");
  }
}
export class WrongPasswordError extends DomainError {
  constructor() {
    super("Текущий пароль указан неверно", "WRONG_PASSWORD");
  }
}

export class WeakPasswordError extends DomainError {
  constructor(message: string) {
    super(message, "WEAK_PASSWORD");
  }
}

/** Every place that sets a password goes through this (invitation, change, a future reset). */
function assertStrongPassword(password: string, person: { email: string; fullName: string }) {
  const verdict = checkPasswordStrength(password, person);
  if (!verdict.ok) throw new WeakPasswordError(verdict.message!);
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a role's scope lies (region and municipality), loaded once to check the grant (also used by edit.ts). */
export async function placeOf(ctx: Context, s: RoleScope & { organisationId?: string | null }) {
  // An id of the wrong shape (a global id of the right type around a typo) is simply not found, never a
  // database error; an id of another type never gets here (`for:` on the arguments).
  for (const [id, what] of [
    [s.regionId, "Субъект РФ"],
    [s.municipalityId, "Муниципалитет"],
    [s.schoolId ?? s.organisationId, "Школа"],
  ] as const)
    if (id && !UUID_RE.test(id)) throw notFound(`${what} не найден${what === "Школа" ? "а" : ""}`);
  if (s.regionId) return { regionId: s.regionId, municipalityId: null };
  if (s.municipalityId) {
    const m = await ctx.db.municipality.findUnique({ where: { id: s.municipalityId }, select: { regionId: true } });
    if (!m) throw notFound("Муниципалитет не найден");
    return { regionId: m.regionId, municipalityId: s.municipalityId };
  }
  const schoolId = s.schoolId ?? s.organisationId;
  if (schoolId) {
    const sc = await ctx.db.school.findUnique({ where: { id: schoolId }, select: { municipalityId: true, municipality: { select: { regionId: true } } } });
    if (!sc) throw notFound("Школа не найдена");
    return { regionId: sc.municipality.regionId, municipalityId: sc.municipalityId };
  }
  return { regionId: null, municipalityId: null };
}

export interface CreateUserInput extends RoleScope {
  email: string;
  fullName: string;
  position?: string | null;
  organisationId?: string | null;
}

/** Creates an account with one role and returns a one-time link to set the first password. */
export async function createUser(ctx: Context, input: CreateUserInput) {
  const viewer = requireViewer(ctx);
  const problem = roleScopeProblem(input);
  if (problem) throw new DomainError(problem, "ROLE_SCOPE_MISMATCH");
  const place = await placeOf(ctx, input);
  if (input.organisationId && (!UUID_RE.test(input.organisationId) || !(await ctx.db.school.findUnique({ where: { id: input.organisationId }, select: { id: true } }))))
    throw notFound("Школа, где работает пользователь, не найдена");
  if (!canGrantRole(viewer.act, input, place)) throw forbidden("Нет прав создавать пользователей с такой ролью здесь");
  const email = normaliseEmail(input.email);
  if (await ctx.db.user.findUnique({ where: { email }, select: { id: true } })) throw new EmailTakenError(email);
  const t = generateToken();
  const expiresAt = new Date(Date.now() + config.invitationTtlMs);
  const { user, mailIds } = await ctx.db
    .$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email,
          fullName: input.fullName.trim(),
          position: input.position?.trim() || null,
          organisationId: input.organisationId ?? (input.role === "SCHOOL" ? input.schoolId : null) ?? null,
          roles: { create: { role: input.role, regionId: input.regionId ?? null, municipalityId: input.municipalityId ?? null, schoolId: input.schoolId ?? null } },
        },
      });
      await tx.invitation.create({
        data: { id: t.id, secretHash: Buffer.from(t.secretHash), userId: user.id, createdById: viewer.id, expiresAt },
      });
      // With SMTP configured the link is also mailed; the coordinator still gets it to pass on by hand.
      const mailIds = await queueInvitationMail(tx, user, t.token, expiresAt);
      await audit(tx, {
        actorId: viewer.id,
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        schoolId: input.schoolId,
        after: { email, role: input.role, regionId: input.regionId, municipalityId: input.municipalityId, schoolId: input.schoolId, invitationMailed: mailIds.length > 0 },
      });
      return { user, mailIds };
    })
    .catch((e) => {
      if ((e as { code?: string }).code === "P2002") throw new EmailTakenError(email);
      throw e;
    });
  kickMail(mailIds);
  return { user, invitationPath: `/invite/${t.token}`, invitationMailed: mailIds.length > 0 };
}

/** A new one-time link for a user who has not set a password yet (older links stop working). */
export async function reissueInvitation(ctx: Context, userId: string) {
  const viewer = requireViewer(ctx);
  const user = await ctx.db.user.findUnique({ where: { id: userId }, include: { roles: true } });
  if (!user) throw notFound("Пользователь не найден");
  await assertManages(ctx, user);
  const t = generateToken();
  const expiresAt = new Date(Date.now() + config.invitationTtlMs);
  const mailIds = await ctx.db.$transaction(async (tx) => {
    await tx.invitation.updateMany({ where: { userId, usedAt: null }, data: { expiresAt: new Date() } });
    await tx.invitation.create({ data: { id: t.id, secretHash: Buffer.from(t.secretHash), userId, createdById: viewer.id, expiresAt } });
    const mailIds = await queueInvitationMail(tx, user, t.token, expiresAt);
    await audit(tx, { actorId: viewer.id, action: "user.reinvite", entityType: "User", entityId: userId, after: { invitationMailed: mailIds.length > 0 } });
    return mailIds;
  });
  kickMail(mailIds);
  return { user, invitationPath: `/invite/${t.token}`, invitationMailed: mailIds.length > 0 };
}

/** Whether the viewer could grant every role the user holds (so may manage the account). */
export async function viewerManages(ctx: Context, user: { roles: RoleScope[]; organisationId: string | null }): Promise<boolean> {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  if (viewer.act.all) return true;
  if (!user.roles.length) return false;
  // A curator role has no territory of its own: it lies where the curator's school is, as at creation.
  for (const r of user.roles) if (!canGrantRole(viewer.act, r, await placeOf(ctx, r.role === "CURATOR" ? { ...r, organisationId: user.organisationId } : r))) return false;
  return true;
}

async function assertManages(ctx: Context, user: { roles: RoleScope[]; organisationId: string | null }) {
  if (!(await viewerManages(ctx, user))) throw forbidden("Нет прав управлять этим пользователем");
}

/** Sets the first password from an invitation link and signs the person in. */
export async function acceptInvitation(ctx: Context, token: string, password: string) {
  const parts = parseToken(token);
  const inv = parts ? await ctx.db.invitation.findUnique({ where: { id: parts.id } }) : null;
  if (!parts || !inv || inv.usedAt || inv.expiresAt.getTime() <= Date.now() || !secretMatches(parts.secret, inv.secretHash)) throw new InvitationInvalidError();
  const person = await ctx.db.user.findUniqueOrThrow({ where: { id: inv.userId }, select: { email: true, fullName: true } });
  assertStrongPassword(password, person);
  const passwordHash = await hashPassword(password);
  const claimed = await ctx.db.$transaction(async (tx) => {
    // Only one use: the conditional update is the race guard.
    const { count } = await tx.invitation.updateMany({ where: { id: inv.id, usedAt: null }, data: { usedAt: new Date() } });
    if (!count) return false;
    await tx.user.update({ where: { id: inv.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: inv.userId } });
    await audit(tx, { actorId: inv.userId, action: "user.acceptInvitation", entityType: "User", entityId: inv.userId });
    return true;
  });
  if (!claimed) throw new InvitationInvalidError();
  const { token: sessionToken, session } = await createSession(ctx.db, inv.userId, ctx.userAgent);
  ctx.setCookies.push(sessionCookie(sessionToken, session.expiresAt, ctx.secureCookies));
  const viewer = await loadViewer(ctx.db, { id: session.id, userId: inv.userId, expiresAt: session.expiresAt });
  if (!viewer) throw new InvitationInvalidError();
  ctx.viewer = viewer;
  return { token: sessionToken, viewer };
}

/** Deactivates (or re-activates) a user; deactivation ends all their sessions and live connections. */
export async function setUserActive(ctx: Context, userId: string, active: boolean) {
  const viewer = requireViewer(ctx);
  if (userId === viewer.id) throw forbidden("Нельзя отключить собственную учётную запись");
  const user = await ctx.db.user.findUnique({ where: { id: userId }, include: { roles: true } });
  if (!user) throw notFound("Пользователь не найден");
  await assertManages(ctx, user);
  const sessions = await ctx.db.session.findMany({ where: { userId }, select: { id: true } });
  const updated = await ctx.db.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id: userId }, data: { active } });
    if (!active) await tx.session.deleteMany({ where: { userId } });
    await audit(tx, { actorId: viewer.id, action: active ? "user.activate" : "user.deactivate", entityType: "User", entityId: userId, before: { active: user.active }, after: { active } });
    return u;
  });
  if (!active) ctx.pubsub.publish("session:ended", { sessionIds: sessions.map((s) => s.id), userId });
  publishAccessChanged(ctx.pubsub, [userId]);
  return updated;
}

/** Changes the viewer's own password; every other session of theirs ends. */
export async function changePassword(ctx: Context, current: string, next: string) {
  const viewer = requireViewer(ctx);
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: viewer.id } });
  if (!(await verifyPassword(user.passwordHash, current))) throw new WrongPasswordError();
  assertStrongPassword(next, user);
  const passwordHash = await hashPassword(next);
  const others = await ctx.db.session.findMany({ where: { userId: viewer.id, NOT: { id: viewer.session.id } }, select: { id: true } });
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: viewer.id }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: viewer.id, NOT: { id: viewer.session.id } } });
    await audit(tx, { actorId: viewer.id, action: "user.changePassword", entityType: "User", entityId: viewer.id });
  });
  ctx.pubsub.publish("session:ended", { sessionIds: others.map((s) => s.id), userId: viewer.id });
  return true;
}

/** Assigns a curator to a participation (regional coordinator of its region, or federal). */
export async function assignCurator(ctx: Context, curatorId: string, participationId: string) {
  const viewer = requireViewer(ctx);
  const p = await ctx.db.participation.findUnique({ where: { id: participationId }, select: { id: true, schoolId: true, school: { select: { municipality: { select: { regionId: true } } } } } });
  if (!p) throw notFound("Участие не найдено");
  const regionId = p.school.municipality.regionId;
  if (!canAssignCurator(viewer.act, regionId)) throw forbidden("Назначать кураторов может региональный координатор");
  const curator = await ctx.db.user.findUnique({
    where: { id: curatorId },
    select: {
      roles: { select: { role: true } },
      organisation: { select: { municipality: { select: { regionId: true } } } },
      curatorships: { select: { participation: { select: { school: { select: { municipality: { select: { regionId: true } } } } } } } },
    },
  });
  if (!curator) throw notFound("Пользователь не найден");
  if (!curator.roles.some((r) => r.role === "CURATOR")) throw badInput("Этот пользователь не куратор: назначить можно только пользователя с ролью «куратор»", { code: "NOT_A_CURATOR" });
  const home = curator.organisation ? [curator.organisation.municipality.regionId] : curator.curatorships.map((c) => c.participation.school.municipality.regionId);
  if (!canAssignCurator(viewer.act, regionId, home)) throw forbidden("Куратор работает в другом субъекте РФ: назначить его школе этого субъекта может только федеральный координатор");
  const assignment = await ctx.db.$transaction(async (tx) => {
    const existing = await tx.curatorAssignment.findUnique({ where: { curatorId_participationId: { curatorId, participationId } } });
    if (existing) return existing;
    const a = await tx.curatorAssignment.create({ data: { curatorId, participationId } });
    await audit(tx, { actorId: viewer.id, action: "curator.assign", entityType: "Participation", entityId: participationId, schoolId: p.schoolId, after: { curatorId } });
    return a;
  });
  publishAccessChanged(ctx.pubsub, [curatorId]);
  return assignment;
}

export async function unassignCurator(ctx: Context, curatorId: string, participationId: string) {
  const viewer = requireViewer(ctx);
  const p = await ctx.db.participation.findUnique({ where: { id: participationId }, select: { schoolId: true, school: { select: { municipality: { select: { regionId: true } } } } } });
  if (!p) throw notFound("Участие не найдено");
  if (!canAssignCurator(viewer.act, p.school.municipality.regionId)) throw forbidden("Снимать кураторов может региональный координатор");
  await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.curatorAssignment.deleteMany({ where: { curatorId, participationId } });
    if (count) await audit(tx, { actorId: viewer.id, action: "curator.unassign", entityType: "Participation", entityId: participationId, schoolId: p.schoolId, before: { curatorId } });
  });
  // The curator's open subscriptions on this school end now, not at their next reconnect.
  publishAccessChanged(ctx.pubsub, [curatorId]);
  return true;
}
