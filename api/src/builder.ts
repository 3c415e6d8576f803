// The SchemaBuilder with its plugins and the auth scopes. Defines no GraphQL types itself.
import SchemaBuilder from "@pothos/core";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ValidationPlugin from "@pothos/plugin-validation";
import ErrorsPlugin from "@pothos/plugin-errors";
import { GraphQLError } from "graphql";
import type PrismaTypes from "../../prisma/generated/pothos-types.ts";
import { getDatamodel } from "../../prisma/generated/pothos-types.ts";
import type { Context, SignedInContext } from "./context.ts";
import { scopesFor, type Scopes } from "./auth/scopes.ts";
import { config, env } from "./config.ts";

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: Scopes;
  // Fields declared with t.withAuth({ <scope>: true }) get a non-null ctx.viewer for these scopes.
  AuthContexts: {
    signedIn: SignedInContext;
    federal: SignedInContext;
    regionAdmin: SignedInContext;
    municipalityAdmin: SignedInContext;
    curator: SignedInContext;
    schoolStaff: SignedInContext;
    observer: SignedInContext;
  };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
    Decimal: { Input: string; Output: { toString(): string } | string | number };
    JSON: { Input: unknown; Output: unknown };
    File: { Input: File; Output: never };
    ID: { Input: string; Output: string | number };
  };
}>({
  // scope-auth must come first (its README), so no other plugin runs before a denied check.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin, ValidationPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: scopesFor,
    unauthorizedError: (_parent, context) =>
      context.viewer ? new GraphQLError("Нет доступа", { extensions: { code: "FORBIDDEN" } }) : new GraphQLError("Требуется вход в систему", { extensions: { code: "UNAUTHENTICATED" } }),
  },
  prisma: {
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: env.production() ? null : "warn",
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    nodeQueryOptions: { authScopes: { signedIn: true }, description: "Объект по глобальному id (в пределах доступа)." },
    nodesQueryOptions: { authScopes: { signedIn: true }, description: "Объекты по глобальным id (в пределах доступа)." },
  },
  validation: {
    validationError: (failure) =>
      new GraphQLError(failure.issues.map((i) => i.message).join("; "), {
        extensions: {
          code: "BAD_USER_INPUT",
          issues: failure.issues.map((i) => ({ path: i.path?.map((p) => (typeof p === "object" ? p.key : p)), message: i.message })),
        },
      }),
  },
  errors: { defaultTypes: [] },
});

builder.queryType({ description: "Запросы МЭДК." });
builder.mutationType({ description: "Изменения МЭДК." });
builder.subscriptionType({ description: "Живые события МЭДК (graphql-ws на /graphql)." });

/** Caps a page size at the configured maximum (500). */
export const pageLimit = config.maxPageSize;
