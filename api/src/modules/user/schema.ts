import { encodeGlobalID } from "@pothos/plugin-relay";
// The signed-in viewer, users, sign-in and sign-out.
import { GraphQLError } from "graphql";
import { z } from "zod";
import { builder } from "../../builder.ts";
import { Role } from "../../../../prisma/generated/client/enums.ts";
import type { Viewer } from "../../auth/viewer.ts";
import { InvalidCredentialsError, signIn, signOut, TooManyAttemptsError } from "./service.ts";

export const RoleEnum = builder.enumType(Role, { name: "Role", description: "Роль пользователя." });

const ROLE_ORDER: Role[] = ["FEDERAL_COORDINATOR", "REGIONAL_COORDINATOR", "MUNICIPAL_COORDINATOR", "CURATOR", "SCHOOL", "OBSERVER"];

type RoleRow = Viewer["roles"][number];
const RoleAssignmentRef = builder.objectRef<RoleRow>("ViewerRole").implement({
  description: "Роль пользователя и территория, к которой она относится.",
  fields: (t) => ({
    role: t.field({ type: RoleEnum, resolve: (r) => r.role, description: "Роль." }),
    region: t.prismaField({
      type: "Region",
      nullable: true,
      description: "Субъект РФ (для регионального координатора или наблюдателя).",
      resolve: (q, r, _a, ctx) => (r.regionId ? ctx.db.region.findUnique({ ...q, where: { id: r.regionId } }) : null),
    }),
    municipality: t.prismaField({
      type: "Municipality",
      nullable: true,
      description: "Муниципалитет (для муниципального координатора или наблюдателя).",
      resolve: (q, r, _a, ctx) => (r.municipalityId ? ctx.db.municipality.findUnique({ ...q, where: { id: r.municipalityId } }) : null),
    }),
    school: t.prismaField({
      type: "School",
      nullable: true,
      description: "Школа (для пользователя школы).",
      resolve: (q, r, _a, ctx) => (r.schoolId ? ctx.db.school.findUnique({ ...q, where: { id: r.schoolId } }) : null),
    }),
  }),
});

export const UserNode = builder.prismaNode("User", {
  nullable: true, // node(id) of a row that does not exist answers null, not an error
  id: { field: "id" },
  description: "Пользователь МЭДК.",
  select: { id: true },
  authScopes: (u) => ({ canSeeUser: u.id }),
  fields: (t) => ({
    email: t.exposeString("email", { description: "E-mail (логин)." }),
    fullName: t.exposeString("fullName", { description: "ФИО." }),
    position: t.exposeString("position", { nullable: true, description: "Должность." }),
    active: t.exposeBoolean("active", { description: "Учётная запись активна." }),
    organisationName: t.string({
      nullable: true,
      description: "Краткое наименование организации, где работает пользователь.",
      select: { organisation: { select: { shortName: true } } },
      resolve: (u) => u.organisation?.shortName ?? null,
    }),
  }),
});

const primary = (v: Viewer) => [...v.roles].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))[0];

// Only the names: the viewer may name its own workplace even where it cannot see that school's data.
const OrganisationRef = builder.objectRef<{ id: string; shortName: string; fullName: string }>("Organisation").implement({
  description: "Организация, где работает пользователь.",
  fields: (t) => ({
    id: t.id({ description: "Глобальный id школы.", resolve: (o) => encodeGlobalID("School", o.id) }),
    shortName: t.exposeString("shortName", { description: "Краткое наименование." }),
    fullName: t.exposeString("fullName", { description: "Полное наименование." }),
  }),
});

export const ViewerRef = builder.objectRef<Viewer>("Viewer").implement({
  description: "Вошедший пользователь с его ролями и территорией.",
  fields: (t) => ({
    id: t.exposeID("id", { description: "Идентификатор пользователя." }),
    email: t.exposeString("email", { description: "E-mail (логин)." }),
    fullName: t.exposeString("fullName", { description: "ФИО." }),
    role: t.field({ type: RoleEnum, nullable: true, description: "Главная роль (самая широкая из назначенных).", resolve: (v) => primary(v)?.role ?? null }),
    roles: t.field({ type: [RoleAssignmentRef], description: "Все роли; права — их объединение.", resolve: (v) => v.roles }),
    region: t.prismaField({
      type: "Region",
      nullable: true,
      description: "Субъект РФ, к которому относится пользователь (по главной роли или его школе).",
      resolve: async (q, v, _a, ctx) => {
        const regionId = [...v.read.regionIds][0] ?? [...v.read.contextRegionIds][0];
        return regionId ? ctx.db.region.findUnique({ ...q, where: { id: regionId } }) : null;
      },
    }),
    municipality: t.prismaField({
      type: "Municipality",
      nullable: true,
      description: "Муниципалитет пользователя (муниципальный координатор, школа, куратор одной школы).",
      resolve: async (q, v, _a, ctx) => {
        const id = [...v.read.municipalityIds][0] ?? (v.read.contextMunicipalityIds.size === 1 ? [...v.read.contextMunicipalityIds][0] : undefined);
        return id && !v.read.regionIds.size ? ctx.db.municipality.findUnique({ ...q, where: { id } }) : null;
      },
    }),
    school: t.prismaField({
      type: "School",
      nullable: true,
      description: "Школа пользователя (роль «школа»).",
      resolve: (q, v, _a, ctx) => {
        const id = [...v.read.schoolIds][0];
        return id ? ctx.db.school.findUnique({ ...q, where: { id } }) : null;
      },
    }),
    grantableRoles: t.field({
      type: [RoleEnum],
      description: "Роли, которые пользователь может выдавать (для экрана управления людьми).",
      resolve: (v) =>
        v.act.all ? [...ROLE_ORDER] : [...(v.act.regionIds.size ? (["MUNICIPAL_COORDINATOR", "CURATOR"] as Role[]) : []), ...(v.act.allMunicipalityIds.size ? (["SCHOOL"] as Role[]) : [])],
    }),
    organisation: t.field({
      type: OrganisationRef,
      nullable: true,
      description: "Организация, где работает пользователь (для куратора — его собственная школа).",
      resolve: async (v, _a, ctx) => (await ctx.db.user.findUnique({ where: { id: v.id }, select: { organisation: { select: { id: true, shortName: true, fullName: true } } } }))?.organisation ?? null,
    }),
    sessionExpiresAt: t.field({ type: "DateTime", description: "Когда истечёт сессия без активности.", resolve: (v) => v.session.expiresAt }),
  }),
});

export const SignInPayload = builder.objectRef<{ token: string; viewer: Viewer }>("SignInPayload").implement({
  description: "Результат входа: токен для скриптов (Authorization: Bearer) и пользователь. Браузер получает HttpOnly-cookie.",
  fields: (t) => ({
    token: t.exposeString("token", { description: "Токен сессии." }),
    viewer: t.field({ type: ViewerRef, description: "Вошедший пользователь.", resolve: (p) => p.viewer }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: ViewerRef,
    nullable: true,
    description: "Вошедший пользователь; null, если вход не выполнен.",
    // Public on purpose: the web app asks it to decide whether to show the sign-in page.
    authScopes: { public: true },
    skipTypeScopes: true,
    resolve: (_r, _a, ctx) => ctx.viewer,
  }),
}));

builder.mutationFields((t) => ({
  signIn: t.field({
    type: SignInPayload,
    description:
      "Вход по e-mail и паролю. Ошибки: INVALID_CREDENTIALS, TOO_MANY_ATTEMPTS с extensions.retryAfterSeconds (extensions.code). Успешный вход помечает браузер как известное устройство (cookie medk_device).",
    authScopes: { public: true },
    args: {
      email: t.arg.string({ validate: z.string().trim().min(3, "Введите e-mail").max(254, "Слишком длинный e-mail") }),
      password: t.arg.string({ validate: z.string().min(1, "Введите пароль").max(1000, "Слишком длинный пароль") }),
    },
    resolve: async (_r, args, ctx) => {
      try {
        return await signIn(ctx, args.email, args.password);
      } catch (e) {
        if (e instanceof InvalidCredentialsError || e instanceof TooManyAttemptsError) throw toGraphQL(e);
        throw e;
      }
    },
  }),
  signOut: t.boolean({
    description: "Выход: завершает текущую сессию.",
    authScopes: { public: true },
    resolve: (_r, _a, ctx) => signOut(ctx),
  }),
}));

const toGraphQL = (e: InvalidCredentialsError | TooManyAttemptsError) =>
  new GraphQLError(e.message, { extensions: { code: e.code, ...(e instanceof TooManyAttemptsError ? { retryAfterSeconds: Math.ceil(e.waitMs / 1000) } : {}) } });
