import { encodeGlobalID } from "@pothos/plugin-relay";
// People management: lists of users in scope, accounts with invitation links, curator assignments.
import { z } from "zod";
import { builder } from "../../builder.ts";
import { canAssignCurator, canEditRoadmap, canUploadDocument, userWhere } from "../../auth/access.ts";
import type { SignedInContext } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { DomainError } from "../../errors.ts";
import { MunicipalityNode, RegionNode } from "../territory/schema.ts";
import { RoleEnum, SignInPayload, UserNode } from "./schema.ts";
import { viewerManages } from "./people.ts";
import { acceptInvitation, assignCurator, changePassword, createUser, reissueInvitation, setUserActive, unassignCurator } from "./people.ts";
import { SchoolNode } from "../school/schema.ts";
import { ParticipationNode } from "../programme/schema.ts";

const password = z.string().min(10, "Пароль должен быть не короче 10 символов").max(200, "Слишком длинный пароль");

builder.prismaObject("RoleAssignment", {
  description: "Роль пользователя с её территорией.",
  fields: (t) => ({
    role: t.expose("role", { type: RoleEnum, description: "Роль." }),
    regionId: t.string({ nullable: true, description: "Глобальный id субъекта РФ роли.", resolve: (r) => (r.regionId ? encodeGlobalID("Region", r.regionId) : null) }),
    municipalityId: t.string({ nullable: true, description: "Глобальный id муниципалитета роли.", resolve: (r) => (r.municipalityId ? encodeGlobalID("Municipality", r.municipalityId) : null) }),
    schoolId: t.string({ nullable: true, description: "Глобальный id школы роли.", resolve: (r) => (r.schoolId ? encodeGlobalID("School", r.schoolId) : null) }),
  }),
});

builder.prismaObjectFields("User", (t) => ({
  roles: t.relation("roles", { description: "Роли пользователя." }),
  viewerCanManage: t.boolean({
    description: "Может ли текущий пользователь управлять этой учётной записью (отключить, выслать приглашение).",
    select: { roles: true, organisationId: true },
    resolve: (u, _a, ctx) => viewerManages(ctx, u),
  }),
  invitationPending: t.boolean({
    description: "Пароль ещё не задан (приглашение не принято).",
    select: { passwordHash: true },
    resolve: (u) => !u.passwordHash,
  }),
}));

builder.prismaObjectFields("Participation", (t) => ({
  viewerCanUploadDocuments: t.boolean({
    description: "Может ли текущий пользователь загружать документы этой школы (в том числе ещё не загруженные).",
    resolve: (p, _a, ctx) => !!ctx.viewer && canUploadDocument(ctx.viewer.act, { schoolId: p.schoolId }),
  }),
  viewerCanEditRoadmap: t.boolean({
    description: "Может ли текущий пользователь вести дорожную карту школы (в том числе начать её, пока её нет).",
    select: { school: { select: { municipalityId: true, municipality: { select: { regionId: true } } } } },
    resolve: (p, _a, ctx) =>
      !!ctx.viewer && canEditRoadmap(ctx.viewer.act, { participationId: p.id, schoolId: p.schoolId, municipalityId: p.school.municipalityId, regionId: p.school.municipality.regionId }),
  }),
  viewerCanAssignCurator: t.boolean({
    description: "Может ли текущий пользователь назначать кураторов этой школе.",
    select: { school: { select: { municipality: { select: { regionId: true } } } } },
    resolve: (p, _a, ctx) => !!ctx.viewer && canAssignCurator(ctx.viewer.act, p.school.municipality.regionId),
  }),
}));

const UserFilter = builder.inputType("UserFilter", {
  description: "Фильтр списка пользователей.",
  fields: (t) => ({
    role: t.field({ type: RoleEnum, required: false, description: "Только с этой ролью." }),
    regionId: t.globalID({ for: RegionNode, required: false, description: "Роль в этом субъекте (или его муниципалитетах и школах)." }),
    municipalityId: t.globalID({ for: MunicipalityNode, required: false, description: "Роль в этом муниципалитете или его школах." }),
    search: t.string({ required: false, description: "Поиск по ФИО или e-mail." }),
    active: t.boolean({ required: false, description: "Только активные / только отключённые." }),
  }),
});

function usersFilter(f: typeof UserFilter.$inferInput | null | undefined, ctx: SignedInContext): Prisma.UserWhereInput {
  const v = ctx.viewer;
  const territory: Prisma.UserWhereInput[] = [];
  if (f?.regionId)
    territory.push({
      OR: [
        { roles: { some: { regionId: f.regionId.id } } },
        { roles: { some: { municipality: { regionId: f.regionId.id } } } },
        { roles: { some: { school: { municipality: { regionId: f.regionId.id } } } } },
        { organisation: { municipality: { regionId: f.regionId.id } } },
      ],
    });
  if (f?.municipalityId)
    territory.push({
      OR: [
        { roles: { some: { municipalityId: f.municipalityId.id } } },
        { roles: { some: { school: { municipalityId: f.municipalityId.id } } } },
        { organisation: { municipalityId: f.municipalityId.id } },
      ],
    });
  return {
    AND: [
      userWhere(v.read, v.id),
      ...territory,
      f?.role ? { roles: { some: { role: f.role } } } : {},
      f?.active != null ? { active: f.active } : {},
      f?.search ? { OR: [{ fullName: { contains: f.search, mode: "insensitive" } }, { email: { contains: f.search, mode: "insensitive" } }] } : {},
    ],
  };
}

builder.queryFields((t) => ({
  users: t.withAuth({ signedIn: true }).prismaConnection({
    type: "User",
    cursor: "id",
    description: "Пользователи в пределах доступа (для управления людьми), по ФИО.",
    maxSize: 500,
    args: { filter: t.arg({ type: UserFilter, required: false }) },
    totalCount: (_c, args, ctx) => ctx.db.user.count({ where: usersFilter(args.filter, ctx) }),
    resolve: (query, _r, args, ctx) => ctx.db.user.findMany({ ...query, where: usersFilter(args.filter, ctx), orderBy: [{ fullName: "asc" }, { id: "asc" }] }),
  }),
}));

const CreateUserInput = builder.inputType("CreateUserInput", {
  description: "Новая учётная запись с одной ролью.",
  fields: (t) => ({
    email: t.string({ validate: z.string().trim().email("Неверный e-mail").max(254), description: "E-mail (логин)." }),
    fullName: t.string({ validate: z.string().trim().min(3, "Укажите ФИО").max(200, "Слишком длинное ФИО"), description: "ФИО." }),
    position: t.string({ required: false, validate: z.string().max(200), description: "Должность." }),
    role: t.field({ type: RoleEnum, description: "Роль." }),
    regionId: t.globalID({ for: RegionNode, required: false, description: "Субъект (региональный координатор, наблюдатель)." }),
    municipalityId: t.globalID({ for: MunicipalityNode, required: false, description: "Муниципалитет (муниципальный координатор, наблюдатель)." }),
    schoolId: t.globalID({ for: SchoolNode, required: false, description: "Школа (роль «школа»)." }),
    organisationId: t.globalID({ for: SchoolNode, required: false, description: "Организация, где работает человек (для куратора — его школа, обязательно)." }),
  }),
});

const InvitationPayload = builder.objectRef<{ user: { id: string }; invitationPath: string; invitationMailed: boolean }>("InvitationPayload").implement({
  description: "Созданный пользователь и одноразовая ссылка для установки пароля (передайте её человеку).",
  fields: (t) => ({
    user: t.prismaField({ type: "User", description: "Пользователь.", resolve: (q, p, _a, ctx) => ctx.db.user.findUniqueOrThrow({ ...q, where: { id: p.user.id } }) }),
    invitationPath: t.exposeString("invitationPath", { description: "Путь ссылки-приглашения, например /invite/…; действует ограниченное время." }),
    invitationMailed: t.exposeBoolean("invitationMailed", { description: "Ссылка также отправлена человеку по e-mail (когда настроена почта, SMTP_URL)." }),
  }),
});

const errors = { types: [DomainError] };

builder.mutationFields((t) => ({
  createUser: t.field({
    type: InvitationPayload,
    description: "Создаёт пользователя. Федеральный координатор — любых; региональный — муниципальных координаторов и кураторов своего региона; муниципальный — учётные записи своих школ.",
    authScopes: { signedIn: true },
    errors,
    args: {
      input: t.arg({
        type: CreateUserInput,
        validate: z
          .object({ role: z.string(), organisationId: z.any().optional() })
          .passthrough()
          .refine((i) => i.role !== "CURATOR" || !!i.organisationId, { message: "Для куратора укажите его школу (organisationId)" }),
      }),
    },
    resolve: (_r, { input }, ctx) =>
      createUser(ctx, {
        email: input.email,
        fullName: input.fullName,
        position: input.position,
        role: input.role,
        regionId: input.regionId?.id,
        municipalityId: input.municipalityId?.id,
        schoolId: input.schoolId?.id,
        organisationId: input.organisationId?.id,
      }),
  }),
  reissueInvitation: t.field({
    type: InvitationPayload,
    description: "Новая ссылка-приглашение (прежние перестают действовать).",
    authScopes: { signedIn: true },
    errors,
    args: { userId: t.arg.globalID({ for: UserNode }) },
    resolve: (_r, args, ctx) => reissueInvitation(ctx, args.userId.id),
  }),
  acceptInvitation: t.field({
    type: SignInPayload,
    description: "Установка первого пароля по ссылке-приглашению; выполняет вход. Ошибки: INVITATION_INVALID, WEAK_PASSWORD (слишком простой пароль — распространённый, из имени или e-mail).",
    authScopes: { public: true },
    errors,
    args: { token: t.arg.string({ validate: z.string().min(10).max(200) }), password: t.arg.string({ validate: password }) },
    resolve: (_r, args, ctx) => acceptInvitation(ctx, args.token, args.password),
  }),
  setUserActive: t.prismaField({
    type: "User",
    description: "Отключает (все сессии завершаются) или снова включает учётную запись.",
    authScopes: { signedIn: true },
    args: { userId: t.arg.globalID({ for: UserNode }), active: t.arg.boolean() },
    resolve: async (q, _r, args, ctx) => {
      const u = await setUserActive(ctx, args.userId.id, args.active);
      return ctx.db.user.findUniqueOrThrow({ ...q, where: { id: u.id } });
    },
  }),
  changePassword: t.boolean({
    description: "Смена своего пароля; остальные сессии завершаются. Ошибки: WRONG_PASSWORD, WEAK_PASSWORD.",
    authScopes: { signedIn: true },
    errors,
    args: { currentPassword: t.arg.string({ validate: z.string().min(1).max(1000) }), newPassword: t.arg.string({ validate: password }) },
    resolve: (_r, args, ctx) => changePassword(ctx, args.currentPassword, args.newPassword),
  }),
  assignCurator: t.prismaField({
    type: "Participation",
    description: "Назначает куратора школе на год (региональный координатор региона школы).",
    authScopes: { signedIn: true },
    args: { curatorId: t.arg.globalID({ for: UserNode }), participationId: t.arg.globalID({ for: ParticipationNode }) },
    resolve: async (q, _r, args, ctx) => {
      await assignCurator(ctx, args.curatorId.id, args.participationId.id);
      return ctx.db.participation.findUniqueOrThrow({ ...q, where: { id: args.participationId.id } });
    },
  }),
  unassignCurator: t.prismaField({
    type: "Participation",
    description: "Снимает куратора со школы на год.",
    authScopes: { signedIn: true },
    args: { curatorId: t.arg.globalID({ for: UserNode }), participationId: t.arg.globalID({ for: ParticipationNode }) },
    resolve: async (q, _r, args, ctx) => {
      await unassignCurator(ctx, args.curatorId.id, args.participationId.id);
      return ctx.db.participation.findUniqueOrThrow({ ...q, where: { id: args.participationId.id } });
    },
  }),
}));
