// Sign-in and sign-out: assert → validate → write → audit, like every service.
import type { Context } from "../../context.ts";
import { DomainError } from "../../errors.ts";
import { verifyPassword } from "../../auth/password.ts";
import { blankSessionCookie, createSession, invalidateSession, sessionCookie } from "../../auth/session.ts";
import { loadViewer, type Viewer } from "../../auth/viewer.ts";
import { DEVICE_COOKIE, deviceCookie, issueDeviceToken, knownDeviceId, readCookie } from "../../auth/device.ts";
import { attemptSucceeded, beginAttempt, waitText } from "../../auth/sign-in-policy.ts";

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super("Неверный e-mail или пароль", "INVALID_CREDENTIALS");
  }
}
export class TooManyAttemptsError extends DomainError {
  constructor(readonly waitMs: number) {
    super(`Слишком много неудачных попыток входа. Повторите через ${waitText(waitMs)}.`, "TOO_MANY_ATTEMPTS");
  }
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Signs a user in. The attempt is checked against the sign-in policy and recorded before the password is
 * verified (so concurrent guesses count), and forgotten on success. A refusal and a wrong password look the
 * same whether or not the e-mail exists. Success marks the browser as a known device of the account.
 */
export async function signIn(ctx: Context, emailInput: string, password: string): Promise<{ token: string; viewer: Viewer }> {
  const email = normaliseEmail(emailInput);
  const user = await ctx.db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true } });
  const key = { email, ip: ctx.ip, device: knownDeviceId(readCookie(ctx.cookie, DEVICE_COOKIE), user?.id) };
  const attempt = await beginAttempt(ctx.db, key);
  if (!attempt.ok) throw new TooManyAttemptsError(attempt.waitMs);
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok || !user.active) throw new InvalidCredentialsError();
  await attemptSucceeded(ctx.db, key, attempt.attemptId);
  const { token, session } = await createSession(ctx.db, user.id, ctx.userAgent);
  const viewer = await loadViewer(ctx.db, { id: session.id, userId: user.id, expiresAt: session.expiresAt });
  if (!viewer) throw new InvalidCredentialsError();
  ctx.setCookies.push(sessionCookie(token, session.expiresAt, ctx.secureCookies));
  ctx.setCookies.push(deviceCookie(issueDeviceToken(user.id), ctx.secureCookies));
  await ctx.db.auditEvent.create({ data: { actorId: user.id, action: "user.signIn", entityType: "User", entityId: user.id, after: { knownDevice: !!key.device } } });
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
