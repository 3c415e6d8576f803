// Bulk onboarding of a year's participants from one file: the school's account, its curator's account
// (or an existing curator), the curator's assignment. Every new account gets a one-time invitation link;
// the links are the import's output (shown once, downloadable as a list).
import { randomUUID } from "node:crypto";
import { config } from "../../config.ts";
import { generateToken } from "../../auth/tokens.ts";
import type { Prisma } from "../../db.ts";
import { chunk, type ApplyOutput, type ImportKind, type Judged, type Problem } from "./kinds.ts";
import { validInn } from "./checksums.ts";
import { findColumns } from "./schools.ts";
import { queueInvitationMail } from "../mail/outbox.ts";

export interface OnboardingRow {
  inn: string;
  schoolEmail: string;
  schoolContact: string | null;
  curatorEmail: string | null;
  curatorName: string | null;
  curatorSchoolInn: string | null;
  participationId?: string;
  schoolId?: string;
  schoolName?: string;
  curatorId?: string | null;
  curatorSchoolId?: string | null;
  createSchoolAccount?: boolean;
  createCurator?: boolean;
  assignCurator?: boolean;
}

const COLUMNS = {
  curatorSchoolInn: { re: /инн.*куратор/, title: "ИНН школы куратора" },
  inn: { re: /^инн(?!.*куратор)/, title: "ИНН школы" },
  curatorEmail: { re: /(e-?mail|почт).*куратор/, title: "E-mail куратора" },
  schoolEmail: { re: /^(?!.*куратор).*(e-?mail|почт)/, title: "E-mail школы" },
  curatorName: { re: /(фио|имя).*куратор|куратор.*(фио|имя)/, title: "ФИО куратора" },
  schoolContact: { re: /руковод|директор/, title: "Руководитель школы" },
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const onboardingKind: ImportKind<OnboardingRow> = {
  kind: "ONBOARDING",
  read(table) {
    const { at, header } = findColumns(table, COLUMNS, ["inn", "schoolEmail"]);
    return table.rows.map((r) => {
      const cell = (k: keyof typeof COLUMNS) => (at[k] >= 0 ? (r.cells[at[k]] ?? "") : "");
      const problems: Problem[] = [];
      const inn = cell("inn").replace(/\s/g, "");
      if (!validInn(inn)) problems.push({ column: header("inn"), message: inn ? "Неверный ИНН (10 цифр с контрольной цифрой)" : "Не заполнено" });
      const schoolEmail = cell("schoolEmail").toLowerCase();
      if (!EMAIL.test(schoolEmail)) problems.push({ column: header("schoolEmail"), message: schoolEmail ? "Неверный адрес e-mail" : "Не заполнено" });
      const curatorEmail = cell("curatorEmail").toLowerCase() || null;
      if (curatorEmail && !EMAIL.test(curatorEmail)) problems.push({ column: header("curatorEmail"), message: "Неверный адрес e-mail" });
      const curatorSchoolInn = cell("curatorSchoolInn").replace(/\s/g, "") || null;
      if (curatorSchoolInn && !validInn(curatorSchoolInn)) problems.push({ column: header("curatorSchoolInn"), message: "Неверный ИНН (10 цифр с контрольной цифрой)" });
      if (curatorEmail && curatorEmail === schoolEmail) problems.push({ column: header("curatorEmail"), message: "У куратора и школы должны быть разные адреса" });
      const data = { inn, schoolEmail, schoolContact: cell("schoolContact") || null, curatorEmail, curatorName: cell("curatorName") || null, curatorSchoolInn };
      return { rowNumber: r.rowNumber, data, problems };
    });
  },

  async judge(db, scope, rows) {
    const ok = rows.filter((r) => !r.problems.length);
    // The same school e-mail twice is one account for two schools: refused.
    const seenEmail = new Map<string, number>();
    for (const r of ok) {
      const first = seenEmail.get(r.data.schoolEmail);
      if (first) r.problems.push({ column: "E-mail школы", message: `Адрес уже указан в строке ${first}` });
      else seenEmail.set(r.data.schoolEmail, r.rowNumber);
    }
    const inns = [...new Set(ok.flatMap((r) => [r.data.inn, r.data.curatorSchoolInn ?? ""]).filter(Boolean))];
    const emails = [...new Set(ok.flatMap((r) => [r.data.schoolEmail, r.data.curatorEmail ?? ""]).filter(Boolean))];
    const schools = [];
    for (const part of chunk(inns, 5000))
      schools.push(
        ...(await db.school.findMany({
          where: { inn: { in: part }, ...(scope.regionId ? { municipality: { regionId: scope.regionId } } : {}) },
          select: {
            id: true,
            inn: true,
            shortName: true,
            canHostCurators: true,
            participations: { where: { programmeYearId: scope.programmeYearId! }, select: { id: true, curators: { select: { curatorId: true } } } },
          },
        })),
      );
    const users = [];
    for (const part of chunk(emails, 5000))
      users.push(...(await db.user.findMany({ where: { email: { in: part } }, select: { id: true, email: true, roles: { select: { role: true, schoolId: true } } } })));
    const schoolByInn = new Map(schools.map((s) => [s.inn!, s]));
    const userByEmail = new Map(users.map((u) => [u.email, u]));
    return rows.map((r): Judged<OnboardingRow> => {
      const base = { rowNumber: r.rowNumber, data: r.data, targetId: null, changes: null, problems: r.problems };
      if (r.problems.length) return { ...base, outcome: "REJECTED" };
      const problems: Problem[] = [];
      const s = schoolByInn.get(r.data.inn);
      const p = s?.participations[0];
      if (!s) problems.push({ column: "ИНН школы", message: "Школы с таким ИНН нет в реестре субъекта" });
      else if (!p) problems.push({ column: "ИНН школы", message: `${s.shortName} не в списке участников года: сначала загрузите список по приказу` });
      const su = userByEmail.get(r.data.schoolEmail);
      if (su && !su.roles.some((x) => x.role === "SCHOOL" && x.schoolId === s?.id)) problems.push({ column: "E-mail школы", message: "Этот адрес уже занят другой учётной записью" });
      let curatorId: string | null = null;
      let curatorSchoolId: string | null = null;
      let createCurator = false;
      if (r.data.curatorEmail) {
        const cu = userByEmail.get(r.data.curatorEmail);
        if (cu) {
          if (!cu.roles.some((x) => x.role === "CURATOR")) problems.push({ column: "E-mail куратора", message: "Учётная запись с этим адресом — не куратор" });
          curatorId = cu.id;
        } else {
          createCurator = true;
          if (!r.data.curatorName) problems.push({ column: "ФИО куратора", message: "Для нового куратора укажите ФИО" });
          if (!r.data.curatorSchoolInn) problems.push({ column: "ИНН школы куратора", message: "Для нового куратора укажите ИНН его школы" });
          else {
            const cs = schoolByInn.get(r.data.curatorSchoolInn);
            if (!cs) problems.push({ column: "ИНН школы куратора", message: "Школы куратора с таким ИНН нет в реестре субъекта" });
            else if (!cs.canHostCurators) problems.push({ column: "ИНН школы куратора", message: `${cs.shortName} не отмечена в реестре как школа кураторов` });
            else curatorSchoolId = cs.id;
          }
        }
      }
      if (problems.length) return { ...base, outcome: "REJECTED", problems };
      const assignCurator = !!r.data.curatorEmail && (createCurator || !p!.curators.some((c) => c.curatorId === curatorId));
      const data = { ...r.data, participationId: p!.id, schoolId: s!.id, schoolName: s!.shortName, curatorId, curatorSchoolId, createSchoolAccount: !su, createCurator, assignCurator };
      const outcome = !su || createCurator ? "NEW" : assignCurator ? "CHANGED" : "UNCHANGED";
      return { ...base, data, outcome, targetId: p!.id, changes: assignCurator && !createCurator ? { curator: [null, r.data.curatorEmail] } : null };
    });
  },

  async apply(tx, viewer, _scope, rows) {
    const out: ApplyOutput = { invitations: [], mailIds: [] };
    const audits: Prisma.AuditEventCreateManyInput[] = [];
    const expiresAt = new Date(Date.now() + config.invitationTtlMs);
    const curatorByEmail = new Map<string, string>();
    const newUser = async (email: string, fullName: string, role: "SCHOOL" | "CURATOR", organisationId: string, schoolId: string | null, schoolName: string) => {
      const id = randomUUID();
      const t = generateToken();
      await tx.user.create({ data: { id, email, fullName, organisationId, roles: { create: { role, schoolId } } } });
      await tx.invitation.create({ data: { id: t.id, secretHash: Buffer.from(t.secretHash), userId: id, createdById: viewer.id, expiresAt } });
      audits.push({ actorId: viewer.id, action: "user.create", entityType: "User", entityId: id, schoolId, after: { email, role, schoolId, organisationId, source: "onboarding" } });
      // Mailed when SMTP is set (the import kicks the worker after commit); the list is offered for download either way.
      out.mailIds!.push(...(await queueInvitationMail(tx, { id, email, fullName }, t.token, expiresAt)));
      out.invitations.push({ email, fullName, role, schoolName, invitationPath: `/invite/${t.token}` });
      return id;
    };
    for (const r of rows) {
      const d = r.data;
      if (d.createSchoolAccount) await newUser(d.schoolEmail, d.schoolContact ?? d.schoolName!, "SCHOOL", d.schoolId!, d.schoolId!, d.schoolName!);
      if (d.assignCurator && d.curatorEmail) {
        let curatorId = d.curatorId ?? curatorByEmail.get(d.curatorEmail);
        if (!curatorId) curatorId = await newUser(d.curatorEmail, d.curatorName!, "CURATOR", d.curatorSchoolId!, null, d.schoolName!);
        curatorByEmail.set(d.curatorEmail, curatorId);
        await tx.curatorAssignment.upsert({
          where: { curatorId_participationId: { curatorId, participationId: d.participationId! } },
          create: { curatorId, participationId: d.participationId! },
          update: {},
        });
        audits.push({ actorId: viewer.id, action: "curator.assign", entityType: "Participation", entityId: d.participationId!, schoolId: d.schoolId, after: { curatorId } });
      }
    }
    if (audits.length) await tx.auditEvent.createMany({ data: audits });
    return out;
  },
};
