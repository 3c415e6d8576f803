// Bulk onboarding mails every new account its invitation through the real loopback SMTP server: the
// import kicks the mail worker after it commits (this file's worker runs no sweep schedule, so only the
// kick can deliver), and the mailed link to PUBLIC_URL sets the school's password and signs it in.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_PASSWORD } from "../../testkit/seed.ts";
import { addUser } from "../../testkit/people.ts";
import { apply, csv, freshInn, preview } from "../registry/helpers.ts";
import { linkIn, startMailWorld, until, type MailWorld } from "./helpers.ts";

let w: MailWorld;
let coordinator: string;
let other: string;
const tag = randomUUID().slice(0, 6);
const inn = freshInn();
const YEAR = 2026;

beforeAll(async () => {
  w = await startMailWorld();
  const db = w.s.db;
  const region = await db.region.findUniqueOrThrow({ where: { code: 36 } });
  const otherRegion = await db.region.findUniqueOrThrow({ where: { code: 37 } });
  const m = await db.municipality.create({ data: { regionId: region.id, name: `Лискинский район ${tag}` } });
  const school = await db.school.create({ data: { municipalityId: m.id, fullName: `МБОУ СОШ ${tag}`, shortName: `СОШ ${tag}`, inn } });
  const year = await db.programmeYear.findFirstOrThrow({ where: { year: YEAR, programme: { regionId: null } } });
  await db.participation.create({ data: { schoolId: school.id, programmeYearId: year.id, decree: "приказ от 17.12.2021 № 1186" } });
  coordinator = await w.s.signIn((await addUser(db, "REGIONAL_COORDINATOR", { regionId: region.id })).email, TEST_PASSWORD);
  other = await w.s.signIn((await addUser(db, "REGIONAL_COORDINATOR", { regionId: otherRegion.id })).email, TEST_PASSWORD);
});
afterAll(async () => w?.stop());

describe("onboarding invitation mail", () => {
  it("an onboarded school account receives its invitation mail at once, and its link to PUBLIC_URL signs the school in", async () => {
    const email = `onboard.${tag}@test.medk.ru`;
    const file = new TextEncoder().encode(
      csv([
        ["ИНН школы", "E-mail школы", "Руководитель школы"],
        [inn, email, "Сидорова Анна Ивановна"],
      ]),
    );
    const p = await preview(w.s, coordinator, { kind: "ONBOARDING", year: YEAR }, "подключение.csv", file);
    expect(p.data, JSON.stringify(p)).toMatchObject({ newCount: 1, rejectedCount: 0 });
    // Another region's coordinator neither applies it nor causes any mail.
    expect((await apply(w.s, other, p.data.id)).code).toBe("NOT_FOUND");
    expect(await w.s.db.mailOutbox.count({ where: { to: email } })).toBe(0);

    const started = Date.now();
    const a = await apply(w.s, coordinator, p.data.id);
    expect(a.typename, JSON.stringify(a)).toBe("MutationApplyRegistryImportSuccess");
    const mail = await w.smtp.waitFor(email, (m) => m.subject === "Приглашение в МЭДК", 10_000);
    // Delivered by the kick, well before any sweep (none is scheduled here; the production sweep runs each minute).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(mail.to).toEqual([email]);
    expect(mail.text).toContain("Здравствуйте, Сидорова Анна Ивановна");
    expect(mail.html).toContain(`href="${w.s.url}/invite/`);
    const path = linkIn(mail.text, w.s.url, "/invite/");
    // The mailed link is the one the import listed for download.
    expect(a.data.invitations.map((i: any) => [i.email, i.role, i.invitationPath])).toEqual([[email, "SCHOOL", path]]);
    // The SMTP server has the mail before the worker records it as sent, so wait for that record.
    await until(async () => (await w.s.db.mailOutbox.findFirstOrThrow({ where: { to: email } })).status === "SENT");
    const rows = await w.s.db.mailOutbox.findMany({ where: { to: email } });
    expect(rows.map((r) => [r.template, r.status])).toEqual([["invitation", "SENT"]]);

    const acc = await w.s.gql(
      "mutation($t: String!, $p: String!){ acceptInvitation(token: $t, password: $p){ __typename ... on MutationAcceptInvitationSuccess { data { token viewer { email } } } ... on Error { code message } } }",
      { t: path.slice("/invite/".length), p: "школа-пароль-2026" },
    );
    expect(acc.data.acceptInvitation.data.viewer.email).toBe(email);
    const me = await w.s.gql("{ schools(first: 5) { edges { node { shortName } } } }", {}, { token: acc.data.acceptInvitation.data.token });
    expect(me.data.schools.edges.map((e: any) => e.node.shortName)).toEqual([`СОШ ${tag}`]);
  });
});
