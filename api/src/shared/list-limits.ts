// One bound for every list argument of the schema: a list given to an argument or input field — inline or
// through variables, at any depth of input objects — may hold at most 500 items, unless its definition
// says otherwise with `extensions: { maxItems: n }`. Checked before execution, so `nodes(ids:)` with
// 50 000 ids is refused in microseconds instead of loading them (the issue measured 5.4 s), and a new
// list argument is bounded without anyone remembering to add a check.
import {
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  BREAK,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from "graphql";
import type { Plugin } from "graphql-yoga";

export const DEFAULT_MAX_ITEMS = 500;

const maxOf = (def: GraphQLArgument | GraphQLInputField) => {
  const n = (def.extensions as { maxItems?: unknown } | undefined)?.maxItems;
  return typeof n === "number" ? n : DEFAULT_MAX_ITEMS;
};

export function listTooLong(name: string, found: number, max: number): GraphQLError {
  return new GraphQLError(`Список «${name}» слишком длинный: ${found} элементов, допустимо не больше ${max}. Разбейте запрос на части.`, {
    extensions: { code: "LIST_TOO_LONG", argument: name, max, found, http: { status: 400 } },
  });
}

/** A raw (JSON) variable value against its input type. */
function checkRaw(value: unknown, name: string, type: GraphQLInputType, max: number): GraphQLError | null {
  if (isNonNullType(type)) return checkRaw(value, name, type.ofType, max);
  if (value == null) return null;
  if (isListType(type)) {
    if (!Array.isArray(value)) return checkRaw(value, name, type.ofType as GraphQLInputType, DEFAULT_MAX_ITEMS);
    if (value.length > max) return listTooLong(name, value.length, max);
    for (const v of value) {
      const e = checkRaw(v, name, type.ofType as GraphQLInputType, DEFAULT_MAX_ITEMS);
      if (e) return e;
    }
    return null;
  }
  if (isInputObjectType(type) && typeof value === "object") {
    const fields = type.getFields();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const f = fields[k];
      const e = f ? checkRaw(v, f.name, f.type, maxOf(f)) : null;
      if (e) return e;
    }
  }
  return null;
}

/** A value written in the document (possibly holding variables) against its input type. */
function checkNode(node: ValueNode, vars: Record<string, unknown>, name: string, type: GraphQLInputType, max: number): GraphQLError | null {
  if (node.kind === Kind.VARIABLE) return checkRaw(vars[node.name.value], name, type, max);
  if (isNonNullType(type)) return checkNode(node, vars, name, type.ofType, max);
  if (isListType(type)) {
    const item = type.ofType as GraphQLInputType;
    if (node.kind !== Kind.LIST) return checkNode(node, vars, name, item, DEFAULT_MAX_ITEMS);
    if (node.values.length > max) return listTooLong(name, node.values.length, max);
    for (const v of node.values) {
      const e = checkNode(v, vars, name, item, DEFAULT_MAX_ITEMS);
      if (e) return e;
    }
    return null;
  }
  if (isInputObjectType(type) && node.kind === Kind.OBJECT) {
    const fields = type.getFields();
    for (const f of node.fields) {
      const def = fields[f.name.value];
      const e = def ? checkNode(f.value, vars, def.name, def.type, maxOf(def)) : null;
      if (e) return e;
    }
  }
  return null;
}

/** The first list in the operation's arguments that is longer than allowed, or null. */
export function findLongList(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | null | undefined): GraphQLError | null {
  const vars = variables ?? {};
  const typeInfo = new TypeInfo(schema);
  let found: GraphQLError | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const def = typeInfo.getArgument();
        if (!def) return false;
        found = checkNode(node.value, vars, def.name, def.type, maxOf(def));
        return found ? BREAK : false;
      },
    }),
  );
  return found;
}

/** Refuses, before execution, an operation with a list argument past its bound (HTTP and WebSocket alike). */
export function useListLimits(): Plugin {
  const guard = ({
    args,
    setResultAndStopExecution,
  }: {
    args: { schema: GraphQLSchema; document: DocumentNode; variableValues?: Record<string, unknown> | null };
    setResultAndStopExecution: (r: { errors: GraphQLError[] }) => void;
  }) => {
    const e = findLongList(args.schema, args.document, args.variableValues);
    if (e) setResultAndStopExecution({ errors: [e] });
  };
  return { onExecute: guard, onSubscribe: guard } as Plugin;
}
