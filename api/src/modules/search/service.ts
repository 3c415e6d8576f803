// One search box across schools, people and documents, each within the viewer's reach (the same
// where-clauses as the lists), each capped; documents match by their title's words or a file name.
import type { Context } from "../../context.ts";
import type { Prisma } from "../../db.ts";
import { requireViewer } from "../../auth/require-viewer.ts";
import { documentWhere, schoolWhere, userWhere } from "../../auth/access.ts";
import { KIND_TITLE } from "../document/validation.ts";
import type { DocumentKind } from "../../../../prisma/generated/client/enums.ts";

const insensitive = (q: string) => ({ contains: q, mode: "insensitive" as const });

/** Which schools match: by short or full name, or by INN (a ministry user types what is on the paper). */
export function schoolSearchWhere(ctx: Context, q: string): Prisma.SchoolWhereInput {
  return { AND: [schoolWhere(requireViewer(ctx).read), { OR: [{ shortName: insensitive(q) }, { fullName: insensitive(q) }, { inn: q }] }] };
}

/** Which people match: by name or e-mail, among those the viewer may see. */
export function userSearchWhere(ctx: Context, q: string): Prisma.UserWhereInput {
  const v = requireViewer(ctx);
  return { AND: [userWhere(v.read, v.id), { OR: [{ fullName: insensitive(q) }, { email: insensitive(q) }] }] };
}

/** Which documents match: by kind («концепция»), the risk in an anti-risk programme's title, or a file name. */
export function documentSearchWhere(ctx: Context, q: string): Prisma.DocumentWhereInput {
  const lower = q.toLocaleLowerCase("ru");
  const kinds = (Object.entries(KIND_TITLE) as [DocumentKind, string][]).filter(([, title]) => title.toLocaleLowerCase("ru").includes(lower)).map(([kind]) => kind);
  return {
    AND: [
      documentWhere(requireViewer(ctx).read),
      {
        OR: [...(kinds.length ? [{ kind: { in: kinds } }] : []), { riskFactor: { title: insensitive(q) } }, { versions: { some: { file: { originalName: insensitive(q) } } } }],
      },
    ],
  };
}
