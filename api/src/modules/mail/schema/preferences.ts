// The viewer's own profile: name and position, and e-mail preferences per notification kind (in the app
// every notification always appears).
import { builder } from "../../../builder.ts";
import { MailPreference } from "../../../../../prisma/generated/client/enums.ts";
import type { MailPreference as MailPreferenceT, NotificationKind } from "../../../../../prisma/generated/client/enums.ts";
import { NotificationKindEnum } from "../../notification/schema.ts";
import { ViewerRef } from "../../user/schema.ts";
import { preferencesOf, setNotificationPreferences, updateProfile, type PreferenceRow } from "../service.ts";
import { preferenceList, profileName, profilePosition } from "../validation.ts";

export const MailPreferenceEnum = builder.enumType(MailPreference, {
  name: "MailPreference",
  description: "Как присылать уведомление на e-mail: IMMEDIATE — сразу, DIGEST — в ежедневной сводке, OFF — не присылать.",
});

const NotificationPreferenceRef = builder.objectRef<PreferenceRow>("NotificationPreference").implement({
  description: "Настройка уведомлений одного вида: в приложении они видны всегда, на e-mail — по выбору.",
  fields: (t) => ({
    kind: t.field({ type: NotificationKindEnum, description: "Вид уведомления.", resolve: (p) => p.kind }),
    email: t.field({ type: MailPreferenceEnum, description: "Доставка на e-mail.", resolve: (p) => p.email }),
  }),
});

const NotificationPreferenceInput = builder.inputType("NotificationPreferenceInput", {
  description: "Выбор доставки на e-mail для одного вида уведомлений.",
  fields: (t) => ({
    kind: t.field({ type: NotificationKindEnum, description: "Вид уведомления." }),
    email: t.field({ type: MailPreferenceEnum, description: "Доставка на e-mail." }),
  }),
});

builder.objectFields(ViewerRef, (t) => ({
  position: t.string({
    nullable: true,
    description: "Должность пользователя.",
    resolve: async (v, _a, ctx) => (await ctx.db.user.findUnique({ where: { id: v.id }, select: { position: true } }))?.position ?? null,
  }),
  notificationPreferences: t.field({
    type: [NotificationPreferenceRef],
    description: "Настройки e-mail-уведомлений по видам (без выбора — сразу).",
    resolve: (v, _a, ctx) => preferencesOf(ctx, v.id),
  }),
}));

builder.mutationFields((t) => ({
  updateProfile: t.prismaField({
    type: "User",
    description: "Меняет свои ФИО и должность (e-mail — логин, его меняет координатор).",
    authScopes: { signedIn: true },
    args: {
      fullName: t.arg.string({ validate: profileName, description: "ФИО." }),
      position: t.arg.string({ required: false, validate: profilePosition, description: "Должность (пусто — не указана)." }),
    },
    resolve: async (q, _r, args, ctx) => {
      const u = await updateProfile(ctx, { fullName: args.fullName, position: args.position });
      return ctx.db.user.findUniqueOrThrow({ ...q, where: { id: u.id } });
    },
  }),
  setNotificationPreferences: t.field({
    type: [NotificationPreferenceRef],
    description: "Сохраняет свои настройки e-mail-уведомлений для перечисленных видов; возвращает все настройки.",
    authScopes: { signedIn: true },
    args: { preferences: t.arg({ type: [NotificationPreferenceInput], validate: preferenceList }) },
    resolve: (_r, args, ctx) =>
      setNotificationPreferences(
        ctx,
        args.preferences.map((p) => ({ kind: p.kind as NotificationKind, email: p.email as MailPreferenceT })),
      ),
  }),
}));
