// What every kind of registry import shares: a row's problems, its outcome, and the shape each kind
// (schools, municipalities, participants, onboarding) implements.
import type { DB, Prisma } from "../../db.ts";
import type { Viewer } from "../../auth/viewer.ts";
import type { RegistryImportKind, RegistryRowOutcome } from "../../../../prisma/generated/client/enums.ts";
import type { Table } from "../../shared/table.ts";
import type { PubSub } from "../../pubsub.ts";

export interface Problem {
  /** The column's header as in the file (or what it should be called when it is missing). */
  column: string | null;
  message: string;
}

/** A row read from the file: its values when they could be read, and what is wrong with them. */
export interface Candidate<D> {
  rowNumber: number;
  data: D;
  problems: Problem[];
}

export interface Judged<D> {
  rowNumber: number;
  outcome: RegistryRowOutcome;
  data: D;
  targetId: string | null;
  changes: Record<string, [unknown, unknown]> | null;
  problems: Problem[];
}

/** Where an import applies: one region, or (federal only) the whole country with a region column. */
export interface ImportScope {
  regionId: string | null;
  programmeYearId: string | null;
  decree: string | null;
}

/** What an applied import hands back beyond its counts (the invitation links of onboarding). */
export interface ApplyOutput {
  invitations: { email: string; fullName: string; role: string; schoolName: string; invitationPath: string }[];
  /** Outbox rows written by the apply (invitation mails), handed to the mail worker after commit. */
  mailIds?: string[];
  /** Publishes what the apply notified (recomputed risk profiles), after commit. */
  after?: (pubsub: PubSub) => void;
  /** Risk profiles the survey import created or changed. */
  profiles?: { created: number; levelChanged: number; refreshed: number };
}

export interface ImportKind<D> {
  kind: RegistryImportKind;
  /** Data rows a file may hold (the registry's bound when not given). */
  maxRows?: number;
  /** Reads the rows of the file; column-level problems (checksums, empty required cells) are found here. */
  read(table: Table, scope: ImportScope): Candidate<D>[];
  /** Compares the rows with the database: new / changed / unchanged / rejected (unknown places, duplicates). */
  judge(db: DB, scope: ImportScope, rows: Candidate<D>[]): Promise<Judged<D>[]>;
  /** Writes the new and changed rows (inside the caller's transaction) with their audit entries. */
  apply(tx: Prisma.TransactionClient, viewer: Viewer, scope: ImportScope, rows: Judged<D>[]): Promise<ApplyOutput>;
}

/** Normal form of a name for matching: lower case, ё → е, quotes and spacing unified. */
export const normName = (s: string) =>
  s
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[«»"„“”']/g, '"')
    .replace(/\s+/g, " ")
    .trim();

/** Marks rows repeating an earlier row's key as rejected with the first row named. */
export function rejectDuplicates<D>(rows: Candidate<D>[], key: (d: D) => string | null, column: string, what: string) {
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (r.problems.length) continue;
    const k = key(r.data);
    if (!k) continue;
    const first = seen.get(k);
    if (first != null) r.problems.push({ column, message: `${what} повторяется в файле: уже указан в строке ${first}` });
    else seen.set(k, r.rowNumber);
  }
}

export const YES = /^(да|д|yes|y|1|true|истина|\+)$/i;
export const NO = /^(нет|н|no|n|0|false|ложь|-|)$/i;

export const chunk = <T>(xs: T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};
