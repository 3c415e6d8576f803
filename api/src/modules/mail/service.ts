// Account self-service by e-mail: password reset («Забыли пароль?») and the viewer's e-mail preferences.
// Each call: check → validate (shape rules in validation.ts) → one transaction with the rows, the audit
// entry and the outbox row → publish / hand the mail to the worker after commit.
import { config, mailSettings } from "../../config.ts";
import type { Context } from "../../context.ts";
import { DomainError, forbidden } from "../../errors.ts";
import { hashPassword } from "../../auth/password.ts";
import { createSession, sessionCookie } from "../../auth/session.ts";
import { generateToken, parseToken, secretMatches } from "../../auth/tokens.ts";
import { loadViewer } from "../../auth/viewer.ts";
import type { MailPreference, NotificationKind } from "../../../../prisma/generated/client/enums.ts";
import { NotificationKind as KINDS } from "../../../../prisma/generated/client/enums.ts";
import { audit } from "../audit/service.ts";
import { normaliseEmail } from "../user/service.ts";
import { DEFAULT_MAIL_PREFERENCE, kickMail, mailEnabled, queueMail } from "./outbox.ts";
import { passwordResetMail } from "./templates.ts";

export class ResetLinkInvalidError extends DomainError {
  constructor() {
    super("Ссылка для смены пароля недействительна, устарела или уже использована. Запросите новую на странице входа.", "RESET_LINK_INVALID");
  }
}
export class TooManyResetRequestsError extends DomainError {
  constructor(minutes: number) {
    super(`Слишком много запросов на восстановление пароля. Повторите через ${minutes} мин.`, "TOO_MANY_RESET_REQUESTS");
  }
}

/**
 * Starts a password reset: when an active account has this e-mail (and SMTP is configured), it gets a
 * single-use link valid PASSWORD_RESET_TTL_MINUTES. The answer is the same whether or not the e-mail
 * exists; the rate limit counts every request per e-mail and per client address, so it reveals nothing
 * either. Older unused links of the account stop working.
 */
export async function requestPasswordReset(ctx: Context, emailInput: string): Promise<boolean> {
  const email = normaliseEmail(emailInput);
  const since = new Date(Date.now() - config.passwordResetWindowMs);
  const [byEmail, byIp] = await Promise.all([
    ctx.db.passwordResetRequest.count({ where: { email, createdAt: { gte: since } } }),
    ctx.db.passwordResetRequest.count({ where: { ip: ctx.ip, createdAt: { gte: since } } }),
  ]);
  if (byEmail >= config.passwordResetMaxPerEmail || byIp >= config.passwordResetMaxPerIp) throw new TooManyResetRequestsError(Math.ceil(config.passwordResetWindowMs / 60_000));
  const user = await ctx.db.user.findUnique({ where: { email }, select: { id: true, email: true, fullName: true, active: true } });
  const t = generateToken();
  const expiresAt = new Date(Date.now() + config.passwordResetTtlMs);
  const base = mailSettings().publicUrl;
  const mailIds = await ctx.db.$transaction(async (tx) => {
    await tx.passwordResetRequest.create({ data: { email, ip: ctx.ip } });
    // Without SMTP a link could reach nobody: nothing is created (the answer stays the same).
    if (!user?.active || !mailEnabled()) return [];
    await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { expiresAt: new Date() } });
    await tx.passwordReset.create({ data: { id: t.id, secretHash: Buffer.from(t.secretHash), userId: user.id, expiresAt } });
    const ids = await queueMail(tx, [
      {
        userId: user.id,
        to: user.email,
        template: "passwordReset",
        mail: passwordResetMail({ fullName: user.fullName, url: `${base}/reset/${t.token}`, minutes: Math.round(config.passwordResetTtlMs / 60_000), base }),
      },
    ]);
    await audit(tx, { actorId: null, action: "user.requestPasswordReset", entityType: "User", entityId: user.id, after: { ip: ctx.ip, mailed: ids.length > 0 } });
    return ids;
  });
  kickMail(mailIds);
  return true;
}

/**
 * Sets a new password from a reset link, once: every session of the account ends (and its live
 * connections close), failed sign-ins are forgotten, and the person is signed in with a fresh session.
 */
export async function resetPassword(ctx: Context, token: string, password: string) {
  const parts = parseToken(token);
  const row = parts ? await ctx.db.passwordReset.findUnique({ where: { id: parts.id }, include: { user: { select: { active: true, email: true } } } }) : null;
  if (!parts || !row || row.usedAt || row.expiresAt.getTime() <= Date.now() || !row.user.active || !secretMatches(parts.secret, row.secretHash)) throw new ResetLinkInvalidError();
  const passwordHash = await hashPassword(password);
  const sessions = await ctx.db.session.findMany({ where: { userId: row.userId }, select: { id: true } });
  const claimed = await ctx.db.$transaction(async (tx) => {
    // The conditional update is the single-use guard against two tabs racing.
    const { count } = await tx.passwordReset.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (!count) return false;
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    await tx.signInFailure.deleteMany({ where: { email: row.user.email } });
    // An invitation still open would set a password behind this one's back.
    await tx.invitation.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: new Date() } });
    await audit(tx, { actorId: row.userId, action: "user.resetPassword", entityType: "User", entityId: row.userId, after: { sessionsEnded: sessions.length } });
    return true;
  });
  if (!claimed) throw new ResetLinkInvalidError();
  if (sessions.length) ctx.pubsub.publish("session:ended", { sessionIds: sessions.map((s) => s.id), userId: row.userId });
  const { token: sessionToken, session } = await createSession(ctx.db, row.userId, ctx.userAgent);
  ctx.setCookies.push(sessionCookie(sessionToken, session.expiresAt, ctx.secureCookies));
  const viewer = await loadViewer(ctx.db, { id: session.id, userId: row.userId, expiresAt: session.expiresAt });
  if (!viewer) throw new ResetLinkInvalidError();
  ctx.viewer = viewer;
  return { token: sessionToken, viewer };
}

export interface PreferenceRow {
  kind: NotificationKind;
  email: MailPreference;
}

/** The viewer's e-mail choice for every notification kind (the default where none was made). */
export async function preferencesOf(ctx: Context, userId: string): Promise<PreferenceRow[]> {
  if (!ctx.viewer || ctx.viewer.id !== userId) throw forbidden("Настройки уведомлений видит только их владелец");
  const rows = await ctx.db.notificationPreference.findMany({ where: { userId }, select: { kind: true, email: true } });
  const chosen = new Map(rows.map((r) => [r.kind, r.email]));
  return Object.values(KINDS).map((kind) => ({ kind, email: chosen.get(kind) ?? DEFAULT_MAIL_PREFERENCE }));
}

/** Sets the viewer's e-mail choice for the given kinds (in the app every notification still appears). */
export async function setNotificationPreferences(ctx: Context, items: PreferenceRow[]): Promise<PreferenceRow[]> {
  const viewer = ctx.viewer;
  if (!viewer) throw forbidden("Требуется вход в систему");
  const before = await ctx.db.notificationPreference.findMany({ where: { userId: viewer.id, kind: { in: items.map((i) => i.kind) } }, select: { kind: true, email: true } });
  await ctx.db.$transaction(async (tx) => {
    for (const i of items)
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId: viewer.id, kind: i.kind } },
        create: { userId: viewer.id, kind: i.kind, email: i.email },
        update: { email: i.email },
      });
    await audit(tx, { actorId: viewer.id, action: "user.setNotificationPreferences", entityType: "User", entityId: viewer.id, before, after: items });
  });
  return preferencesOf(ctx, viewer.id);
}

/** Changes the viewer's own name and position (the e-mail is the login: coordinators change it). */
export async function updateProfile(ctx: Context, input: { fullName: string; position?: string | null }) {
  const viewer = ctx.viewer;
  if (!viewer) throw forbidden("Требуется вход в систему");
  const before = await ctx.db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { fullName: true, position: true } });
  const after = { fullName: input.fullName.trim(), position: input.position?.trim() || null };
  return ctx.db.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id: viewer.id }, data: after });
    await audit(tx, { actorId: viewer.id, action: "user.updateProfile", entityType: "User", entityId: viewer.id, before, after });
    return u;
  });
}
