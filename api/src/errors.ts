// Errors clients can act on. Not-found and forbidden are top-level GraphQL errors with a code;
// failures a user can fix are typed results (Pothos errors plugin) implementing `Error`.
import { GraphQLError } from "graphql";
import { builder } from "./builder.ts";

export const forbidden = (message = "Нет доступа") =>
  new GraphQLError(message, { extensions: { code: "FORBIDDEN", http: { status: 200 } } });
export const unauthenticated = (message = "Требуется вход в систему") =>
  new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED" } });
export const notFound = (message = "Не найдено") => new GraphQLError(message, { extensions: { code: "NOT_FOUND" } });
export const badInput = (message: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", ...extra } });

/** Base of all domain errors a user can fix; `code` is stable for scripts. */
export class DomainError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = "DomainError";
  }
}

export const ErrorInterface = builder.interfaceRef<DomainError>("Error").implement({
  description: "Ошибка, которую пользователь может исправить.",
  fields: (t) => ({
    message: t.exposeString("message", { description: "Понятное сообщение на русском языке." }),
    code: t.exposeString("code", { description: "Стабильный код ошибки для скриптов." }),
  }),
});

builder.objectType(DomainError, {
  name: "DomainError",
  description: "Ошибка предметной области.",
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof DomainError,
});
