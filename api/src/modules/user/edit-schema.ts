// `updateUser`: editing a person's account (name, e-mail, position, role with territory).
import { z } from "zod";
import { builder } from "../../builder.ts";
import { DomainError } from "../../errors.ts";
import { MunicipalityNode, RegionNode } from "../territory/schema.ts";
import { RoleEnum, UserNode } from "./schema.ts";
import { updateUser } from "./edit.ts";
import { SchoolNode } from "../school/schema.ts";

const RoleChangeInput = builder.inputType("UserRoleInput", {
  description: "Роль с её территорией (как при создании пользователя).",
  fields: (t) => ({
    role: t.field({ type: RoleEnum, description: "Роль." }),
    regionId: t.globalID({ for: RegionNode, required: false, description: "Субъект (региональный координатор, наблюдатель)." }),
    municipalityId: t.globalID({ for: MunicipalityNode, required: false, description: "Муниципалитет (муниципальный координатор, наблюдатель)." }),
    schoolId: t.globalID({ for: SchoolNode, required: false, description: "Школа (роль «школа»)." }),
    organisationId: t.globalID({ for: SchoolNode, required: false, description: "Организация, где работает человек (для куратора — его школа, обязательно)." }),
  }),
});

const UpdateUserInput = builder.inputType("UpdateUserInput", {
  description: "Изменения учётной записи; не указанные поля не меняются.",
  fields: (t) => ({
    userId: t.globalID({ for: UserNode, description: "Пользователь." }),
    email: t.string({ required: false, validate: z.string().trim().email("Неверный e-mail").max(254, "Слишком длинный e-mail"), description: "Новый e-mail (логин)." }),
    fullName: t.string({ required: false, validate: z.string().trim().min(3, "Укажите ФИО").max(200, "Слишком длинное ФИО"), description: "ФИО." }),
    position: t.string({ required: false, validate: z.string().max(200, "Слишком длинная должность"), description: "Должность; пустая строка убирает её." }),
    role: t.field({ type: RoleChangeInput, required: false, description: "Новая роль с территорией; заменяет прежние роли пользователя." }),
  }),
});

builder.mutationFields((t) => ({
  updateUser: t.prismaField({
    type: "User",
    description: "Изменяет ФИО, e-mail, должность и роль с территорией. Права — как у createUser: нужно управлять учётной записью и иметь право выдать новую роль; свою роль менять нельзя.",
    authScopes: { signedIn: true },
    errors: { types: [DomainError] },
    args: { input: t.arg({ type: UpdateUserInput }) },
    resolve: async (q, _r, { input }, ctx) => {
      const r = input.role;
      const u = await updateUser(ctx, input.userId.id, {
        email: input.email,
        fullName: input.fullName,
        position: input.position,
        role: r ? { role: r.role, regionId: r.regionId?.id, municipalityId: r.municipalityId?.id, schoolId: r.schoolId?.id, organisationId: r.organisationId?.id } : null,
      });
      return ctx.db.user.findUniqueOrThrow({ ...q, where: { id: u.id } });
    },
  }),
}));
