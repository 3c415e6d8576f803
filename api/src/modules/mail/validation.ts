// Shape rules of the mail module's inputs (attached to the GraphQL arguments).
import { z } from "zod";
import { MailPreference, NotificationKind } from "../../../../prisma/generated/client/enums.ts";

export const resetEmail = z.string().trim().min(3, "Введите e-mail").max(254, "Слишком длинный e-mail").email("Неверный e-mail");

/** The same rule as a first password (invitation) and a changed one. */
export const newPassword = z.string().min(10, "Пароль должен быть не короче 10 символов").max(200, "Слишком длинный пароль");

export const resetToken = z.string().min(10, "Неверная ссылка").max(200, "Неверная ссылка");

const KINDS = Object.values(NotificationKind);

/** Preferences to set: each kind at most once, no more entries than there are kinds. */
export const preferenceList = z
  .array(z.object({ kind: z.enum(KINDS as [string, ...string[]]), email: z.enum(Object.values(MailPreference) as [string, ...string[]]) }))
  .min(1, "Укажите хотя бы одну настройку")
  .max(KINDS.length, "Слишком много настроек")
  .refine((items) => new Set(items.map((i) => i.kind)).size === items.length, { message: "Каждый вид уведомлений — не больше одного раза" });

export const profileName = z.string().trim().min(3, "Укажите ФИО").max(200, "Слишком длинное ФИО");
export const profilePosition = z.string().trim().max(200, "Слишком длинное название должности");
