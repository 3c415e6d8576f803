// «Забыли пароль?»: request a reset link by e-mail, set a new password from it; and what coordinators
// see of an account's mail (its address failing).
import { builder } from "../../../builder.ts";
import { DomainError } from "../../../errors.ts";
import { SignInPayload } from "../../user/schema.ts";
import { viewerManages } from "../../user/people.ts";
import { requestPasswordReset, resetPassword } from "../service.ts";
import { newPassword, resetEmail, resetToken } from "../validation.ts";

const errors = { types: [DomainError] };

builder.mutationFields((t) => ({
  requestPasswordReset: t.boolean({
    description:
      "«Забыли пароль?»: если учётная запись с этим e-mail есть, на него уходит одноразовая ссылка для смены пароля. Ответ одинаков, есть такой e-mail или нет. Ошибка TOO_MANY_RESET_REQUESTS — слишком много запросов с этого e-mail или адреса.",
    authScopes: { public: true },
    errors,
    args: { email: t.arg.string({ validate: resetEmail }) },
    resolve: (_r, args, ctx) => requestPasswordReset(ctx, args.email),
  }),
  resetPassword: t.field({
    type: SignInPayload,
    description: "Новый пароль по ссылке из письма (один раз): все прежние сессии завершаются, выполняется вход. Ошибка RESET_LINK_INVALID.",
    authScopes: { public: true },
    errors,
    args: { token: t.arg.string({ validate: resetToken }), password: t.arg.string({ validate: newPassword }) },
    resolve: (_r, args, ctx) => resetPassword(ctx, args.token, args.password),
  }),
}));

// Only those who manage the account see that mail to it fails (null for everyone else).
builder.prismaObjectFields("User", (t) => ({
  mailFailedAt: t.field({
    type: "DateTime",
    nullable: true,
    description: "Когда письмо на e-mail пользователя окончательно не доставлено (видят управляющие учётной записью); null — сбоев нет.",
    select: { mailFailedAt: true, roles: true, organisationId: true },
    resolve: async (u, _a, ctx) => (u.mailFailedAt && (await viewerManages(ctx, u)) ? u.mailFailedAt : null),
  }),
  mailFailure: t.string({
    nullable: true,
    description: "Ответ почтового сервера при последнем окончательном сбое доставки (видят управляющие учётной записью).",
    select: { mailFailure: true, mailFailedAt: true, roles: true, organisationId: true },
    resolve: async (u, _a, ctx) => (u.mailFailedAt && (await viewerManages(ctx, u)) ? u.mailFailure : null),
  }),
}));
