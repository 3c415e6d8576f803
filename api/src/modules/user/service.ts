// Sign-in and sign-out: assert → validate → write → audit, like every service.
import { config } from "../../config.ts";
import type { Context } from "../../context.ts";
import { DomainError } from "../../errors.ts";
import { verifyPassword } from "../../auth/password.ts";
import { blankSessionCookie, createSession, invalidateSession, sessionCookie } from "../../auth/session.ts";
import { loadViewer, type Viewer } from "../../auth/viewer.ts";

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super("Неверный e-mail или пароль", "INVALID_CREDENTIALS");
  }
}
export class TooManyAttemptsError extends DomainError {
  constructor(minutes: number) {
    super(`Слишком много попыток входа. Повторите через ${minutes} мин.`, "TOO_MANY_ATTEMPTS");
  }
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Signs a user in. Failures are counted per account and per IP; past the limit the answer is the same
 * whether or not the e-mail exists, so the limit reveals nothing either.
 */
export async function signIn(ctx: Context, emailInput: string, password: string): Promise<{ token: string; viewer: Viewer }> {
  const email = normaliseEmail(emailInput);
  const since = new Date(Date.now() - config.signInWindowMs);
  const [byEmail, byIp] = await Promise.all([
    ctx.db.signInFailure.count({ where: { email, createdAt: { gte: since } } }),
    ctx.db.signInFailure.count({ where: { ip: ctx.ip, createdAt: { gte: since } } }),
  ]);
  if (byEmail >= config.signInMaxFailures || byIp >= config.signInMaxFailures)
    throw new TooManyAttemptsError(Math.ceil(config.signInWindowMs / 60_000));
  const user = await ctx.db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true } });
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok || !user.active) {
    await ctx.db.signInFailure.create({ data: { email, ip: ctx.ip } });
    throw new InvalidCredentialsError();
  }
  await ctx.db.signInFailure.deleteMany({ where: { email } });
  const { token, session } = await createSession(ctx.db, user.id, ctx.userAgent);
  const viewer = await loadViewer(ctx.db, { id: session.id, userId: user.id, expiresAt: session.expiresAt });
  if (!viewer) throw new InvalidCredentialsError();
  ctx.setCookies.push(sessionCookie(token, session.expiresAt, ctx.secureCookies));
  await ctx.db.auditEvent.create({ data: { actorId: user.id, action: "user.signIn", entityType: "User", entityId: user.id } });
  ctx.viewer = viewer;
  return { token, viewer };
}

/** Ends the current session and tells live connections of that session to close. */
export async function signOut(ctx: Context): Promise<boolean> {
  ctx.setCookies.push(blankSessionCookie(ctx.secureCookies));
  if (!ctx.viewer) return true;
  await invalidateSession(ctx.db, ctx.viewer.session.id);
  ctx.pubsub.publish("session:ended", { sessionIds: [ctx.viewer.session.id] });
  return true;
}
