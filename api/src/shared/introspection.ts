// Introspection (__schema, __type) only for signed-in users (issue 16.11): GraphiQL and the app's own
// enum lookups keep working, while a stranger cannot map the whole API. __typename stays open to everyone.
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Context } from "../context.ts";

export function useSignedInIntrospection(): Plugin<Record<string, unknown> & Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if ((args.contextValue as Context).viewer) return;
      if (!validate(args.schema, args.document, [NoSchemaIntrospectionCustomRule]).length) return;
      setResultAndStopExecution({
        errors: [new GraphQLError("Описание схемы API доступно только после входа", { extensions: { code: "UNAUTHENTICATED" } })],
      });
    },
  };
}
