// Editing a person's account: name, e-mail, position and the role with its territory. The grant rules
// are createUser's: the viewer must manage the account as it is AND be able to grant what it becomes.
import type { Context } from "../../context.ts";
import { DomainError, forbidden, notFound } from "../../errors.ts";
import { canGrantRole, type RoleScope } from "../../auth/access.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { audit } from "../audit/service.ts";
import { EmailTakenError, placeOf, viewerManages } from "./people.ts";
import { normaliseEmail } from "./service.ts";

export class RoleScopeMismatchError extends DomainError {
  constructor(message: string) {
    super(message, "ROLE_SCOPE_MISMATCH");
  }
}

export interface UpdateUserInput {
  email?: string | null;
  fullName?: string | null;
  position?: string | null;
  /** The new role with its territory; replaces the user's roles. Absent: the roles stay. */
  role?: (RoleScope & { organisationId?: string | null }) | null;
}

/** Which territory field each role needs (the same shape createUser takes). */
function assertScopeShape(r: RoleScope & { organisationId?: string | null }): void {
  const need: Record<string, string | null> = {
    FEDERAL_COORDINATOR: null,
    REGIONAL_COORDINATOR: "regionId",
    OBSERVER: null,
    MUNICIPAL_COORDINATOR: "municipalityId",
    SCHOOL: "schoolId",
    CURATOR: "organisationId",
  };
  const field = need[r.role];
  if (field && !r[field as keyof typeof r]) {
    const what: Record<string, string> = { regionId: "субъект РФ", municipalityId: "муниципалитет", schoolId: "школу", organisationId: "школу куратора" };
    throw new RoleScopeMismatchError(`Для этой роли укажите ${what[field]}`);
  }
  if (r.role === "OBSERVER" && !r.regionId && !r.municipalityId) throw new RoleScopeMismatchError("Для наблюдателя укажите субъект РФ или муниципалитет");
}

/**
 * Changes a user's name, e-mail, position and/or role with territory. Audited with before/after; a changed
 * role or e-mail closes the person's live connections so every open page re-reads what it may see.
 */
export async function updateUser(ctx: Context, userId: string, input: UpdateUserInput) {
  const viewer: Viewer | null = ctx.viewer;
  if (!viewer) throw forbidden("Требуется вход в систему");
  const user = await ctx.db.user.findUnique({ where: { id: userId }, include: { roles: true } });
  if (!user) throw notFound("Пользователь не найден");
  if (!(await viewerManages(ctx, user))) throw forbidden("Нет прав управлять этим пользователем");
  if (input.role && userId === viewer.id) throw forbidden("Нельзя изменить собственную роль");

  const next = input.role ?? null;
  if (next) {
    assertScopeShape(next);
    const place = await placeOf(ctx, next);
    if (!canGrantRole(viewer.act, next, place)) throw forbidden("Нет прав назначать такую роль здесь");
  }
  const email = input.email != null ? normaliseEmail(input.email) : user.email;
  if (email !== user.email && (await ctx.db.user.findUnique({ where: { email }, select: { id: true } }))) throw new EmailTakenError(email);

  const data = {
    email,
    fullName: input.fullName != null ? input.fullName.trim() : user.fullName,
    position: input.position !== undefined ? input.position?.trim() || null : user.position,
  };
  const organisationId = next ? (next.organisationId ?? (next.role === "SCHOOL" ? next.schoolId : null) ?? (next.role === "CURATOR" ? null : user.organisationId)) : user.organisationId;
  const rolesBefore = user.roles.map((r) => ({ role: r.role, regionId: r.regionId, municipalityId: r.municipalityId, schoolId: r.schoolId }));
  const roleAfter = next ? { role: next.role, regionId: next.regionId ?? null, municipalityId: next.municipalityId ?? null, schoolId: next.schoolId ?? null } : null;
  const roleChanged = !!roleAfter && (rolesBefore.length !== 1 || JSON.stringify(rolesBefore[0]) !== JSON.stringify(roleAfter) || organisationId !== user.organisationId);

  const sessions = roleChanged || email !== user.email ? await ctx.db.session.findMany({ where: { userId }, select: { id: true } }) : [];
  const updated = await ctx.db
    .$transaction(async (tx) => {
      const u = await tx.user.update({ where: { id: userId }, data: { ...data, organisationId } });
      if (roleChanged && roleAfter) {
        await tx.roleAssignment.deleteMany({ where: { userId } });
        await tx.roleAssignment.create({ data: { userId, ...roleAfter } });
      }
      await audit(tx, {
        actorId: viewer.id,
        action: "user.update",
        entityType: "User",
        entityId: userId,
        schoolId: roleAfter?.schoolId ?? user.roles.find((r) => r.schoolId)?.schoolId ?? undefined,
        before: { email: user.email, fullName: user.fullName, position: user.position, organisationId: user.organisationId, roles: rolesBefore },
        after: { ...data, organisationId, roles: roleAfter ? [roleAfter] : rolesBefore },
      });
      return u;
    })
    .catch((e) => {
      if ((e as { code?: string }).code === "P2002") throw new EmailTakenError(email);
      throw e;
    });
  if (sessions.length) ctx.pubsub.publish("session:ended", { sessionIds: sessions.map((s) => s.id), userId });
  return updated;
}
