// The outbox against a real SMTP server on loopback: notifications mailed by the user's preference,
// crash safety (no mail lost between commit and send, none sent twice after the server accepted it),
// back-off on temporary refusals, failed addresses shown to coordinators, and the daily digest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedWorld, gid, TEST_PASSWORD, type World } from "../../testkit/seed.ts";
import { writeNotifications } from "../../../api/src/modules/notification/service.ts";
import { queueMail } from "../../../api/src/modules/mail/outbox.ts";
import { deliver, smtpTransport, tidyOutbox } from "../../../api/src/modules/mail/sender.ts";
import { runDigest } from "../../../api/src/modules/mail/digest.ts";
import { runDeadlineScan } from "../../../api/src/modules/deadline/scan.ts";
import { startMailWorker } from "../../../api/src/modules/mail/worker.ts";
import type { NotificationKind } from "../../../prisma/generated/client/enums.ts";
import { linkIn, startMailWorld, until, type MailWorld } from "./helpers.ts";

let w: MailWorld;
let world: World;

beforeAll(async () => {
  w = await startMailWorld();
  world = await seedWorld(w.s.db);
});
afterAll(async () => w?.stop());

/** Writes one notification through the one path every module uses, then publishes (and kicks the mail). */
async function notify(recipientId: string, kind: NotificationKind, title: string, payload: Record<string, string> = {}) {
  const publish = await w.s.db.$transaction((tx) => writeNotifications(tx, [{ recipientId, kind, title, payload }]));
  publish(w.s.app.pubsub);
}

describe("notification mails", () => {
  it("a returned document is mailed at once with the comment and a link to the document at PUBLIC_URL", async () => {
    const docId = gid("Document", "00000000-0000-4000-8000-000000000001");
    await notify(world.users.school.id, "DOCUMENT_RETURNED", "Концепция развития возвращена на доработку", { documentId: docId, comment: "Добавьте цели на 2027 год" });
    const mail = await w.smtp.waitFor(world.users.school.email);
    expect(mail.subject).toBe("Документ возвращён на доработку: Концепция развития возвращена на доработку");
    expect(mail.text).toContain("«Добавьте цели на 2027 год»");
    expect(linkIn(mail.text, w.s.url, "/documents/")).toBe(`/documents/${encodeURIComponent(docId)}`);
    expect(mail.text).toContain(`${w.s.url}/profile`);
    expect(mail.from).toBe("noreply@medk.test");
  });

  it("QUESTION_ANSWERED (the consultation line) is mailed with a link to the question", async () => {
    const q = gid("Question", "00000000-0000-4000-8000-000000000002");
    await notify(world.users.school.id, "QUESTION_ANSWERED", "Как оформить программу антирисковых мер?", { questionId: q });
    const mail = await w.smtp.waitFor(world.users.school.email, (m) => m.subject.startsWith("Ответ на ваш вопрос"));
    expect(linkIn(mail.text, w.s.url, "/consultations/")).toBe(`/consultations/${encodeURIComponent(q)}`);
  });

  it("respects the preference: «off» and «digest» kinds are not mailed at once, others are", async () => {
    const token = await w.s.signIn(world.users.curator.email, TEST_PASSWORD);
    await w.s.gql(
      "mutation($p: [NotificationPreferenceInput!]!){ setNotificationPreferences(preferences: $p){ kind } }",
      {
        p: [
          { kind: "DEADLINE_SOON", email: "OFF" },
          { kind: "DOCUMENT_SUBMITTED", email: "DIGEST" },
        ],
      },
      { token },
    );
    await notify(world.users.curator.id, "DEADLINE_SOON", "Тихий срок");
    await notify(world.users.curator.id, "DOCUMENT_SUBMITTED", "Сводочный документ");
    await notify(world.users.curator.id, "ROADMAP_SUBMITTED", "Громкая дорожная карта", { roadmapId: gid("Roadmap", "00000000-0000-4000-8000-000000000003") });
    await w.smtp.waitFor(world.users.curator.email, (m) => m.subject.includes("Громкая дорожная карта"));
    const subjects = w.smtp.to(world.users.curator.email).map((m) => m.subject);
    expect(subjects.some((s) => s.includes("Тихий срок") || s.includes("Сводочный документ"))).toBe(false);
    // In the app all three are there.
    expect(await w.s.db.notification.count({ where: { recipientId: world.users.curator.id, title: { in: ["Тихий срок", "Сводочный документ", "Громкая дорожная карта"] } } })).toBe(3);
  });

  it("deadline alerts written in bulk by the scan are mailed by the same rule", async () => {
    const roadmap = await w.s.db.roadmap.create({ data: { programmeYearId: world.programmeYearId, participationId: world.participationId, title: "Карта рассылки" } });
    await w.s.db.measure.create({ data: { roadmapId: roadmap.id, position: 1, title: "Семинар для учителей", status: "PLANNED", dueDate: new Date(Date.now() - 3 * 86400_000) } });
    const r = await runDeadlineScan(w.s.db, w.s.app.pubsub, new Date(), { municipalityIds: [world.municipalityId] });
    expect(r.DEADLINE_OVERDUE).toBeGreaterThanOrEqual(2);
    const mail = await w.smtp.waitFor(world.users.school.email, (m) => m.subject.startsWith("Срок прошёл:"));
    expect(mail.subject).toContain("Семинар для учителей");
    expect(linkIn(mail.text, w.s.url, "/roadmaps/")).toBe(`/roadmaps/${encodeURIComponent(gid("Roadmap", roadmap.id))}`);
    await w.smtp.waitFor(world.users.curator.email, (m) => m.subject.startsWith("Срок прошёл:"));
  });

  it("a rolled-back change mails nothing", async () => {
    await expect(
      w.s.db.$transaction(async (tx) => {
        await writeNotifications(tx, [{ recipientId: world.users.municipal.id, kind: "DOCUMENT_APPROVED", title: "Откатанное решение" }]);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await w.s.db.mailOutbox.count({ where: { subject: { contains: "Откатанное решение" } } })).toBe(0);
  });
});

describe("crash safety", () => {
  it("a second instance (or a restart) starts on the same queues beside the first", async () => {
    const other = await startMailWorker({ databaseUrl: process.env.DATABASE_URL!, db: w.s.db, schema: w.schema, pollingIntervalSeconds: 0.5 });
    expect(other).not.toBeNull();
    await other!.stop();
  });

  const queueRaw = (to: string, subject: string) =>
    w.s.db.$transaction((tx) => queueMail(tx, [{ userId: null, to, template: "test", mail: { subject, text: `текст ${subject}`, html: `<p>${subject}</p>` } }]));

  it("a row committed but never handed to the worker (crash before the kick) is sent by the sweep, once", async () => {
    const [id] = await queueRaw("lost.kick@test.medk.ru", "Потерянный пинок");
    await Promise.all([w.worker.sweep(), w.worker.sweep(), w.worker.sweep()]);
    await until(async () => (await w.s.db.mailOutbox.findUniqueOrThrow({ where: { id: id! } })).status === "SENT");
    await w.worker.sweep();
    await new Promise((r) => setTimeout(r, 1500));
    const got = w.smtp.to("lost.kick@test.medk.ru");
    expect(got).toHaveLength(1);
    expect(got[0]!.messageId).toBe(`<${id}@127.0.0.1>`);
  });

  it("a crash after the server accepted the message but before it was marked sent never sends it again", async () => {
    const [id] = await queueRaw("crash.after@test.medk.ru", "Сбой после отправки");
    const transport = smtpTransport()!;
    const crash = deliver(w.s.db, transport, id!, {
      afterSend: () => {
        throw new Error("процесс упал");
      },
    });
    await expect(crash).rejects.toThrow("процесс упал");
    expect((await w.s.db.mailOutbox.findUniqueOrThrow({ where: { id: id! } })).status).toBe("SENDING");
    // The job is retried and the sweep runs: neither may send again.
    expect(await deliver(w.s.db, transport, id!)).toBe("skipped");
    await w.worker.sweep();
    await new Promise((r) => setTimeout(r, 1500));
    expect(w.smtp.to("crash.after@test.medk.ru").map((m) => m.messageId)).toEqual([`<${id}@127.0.0.1>`]);
    // Later the housekeeping notes the interruption, still without resending; old delivered rows go.
    await w.s.db.mailOutbox.update({ where: { id: id! }, data: { claimedAt: new Date(Date.now() - 20 * 60_000) } });
    const [old] = await queueRaw("old.sent@test.medk.ru", "Давно отправлено");
    await w.s.db.mailOutbox.update({ where: { id: old! }, data: { status: "SENT", sentAt: new Date(Date.now() - 40 * 86400_000) } });
    const tidy = await tidyOutbox(w.s.db);
    expect(tidy.interrupted).toBeGreaterThanOrEqual(1);
    expect(await w.s.db.mailOutbox.findUniqueOrThrow({ where: { id: id! } })).toMatchObject({ status: "SENDING", lastError: expect.stringContaining("прервана") });
    expect(await w.s.db.mailOutbox.findUnique({ where: { id: old! } })).toBeNull();
    expect(w.smtp.to("crash.after@test.medk.ru")).toHaveLength(1);
  });

  it("a temporary refusal is retried later with back-off, then delivered", async () => {
    const to = "busy.box@test.medk.ru";
    w.smtp.defer.add(to);
    const [id] = await queueRaw(to, "Временно занят");
    const transport = smtpTransport()!;
    expect(await deliver(w.s.db, transport, id!)).toBe("retry");
    const row = await w.s.db.mailOutbox.findUniqueOrThrow({ where: { id: id! } });
    expect(row).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(row.lastError).toContain("451");
    expect(await deliver(w.s.db, transport, id!)).toBe("skipped"); // not due yet
    w.smtp.defer.delete(to);
    expect(await deliver(w.s.db, transport, id!, { now: () => new Date(Date.now() + 60_000) })).toBe("sent");
    expect(w.smtp.to(to)).toHaveLength(1);
  });

  it("a permanently refused address is recorded on the account and shown only to those who manage it", async () => {
    const email = world.users.school.email;
    w.smtp.reject.add(email);
    await notify(world.users.school.id, "DOCUMENT_APPROVED", "Программа принята");
    await until(async () => !!(await w.s.db.user.findUniqueOrThrow({ where: { id: world.users.school.id } })).mailFailedAt);
    const row = await w.s.db.mailOutbox.findFirstOrThrow({ where: { to: email, subject: { contains: "Программа принята" } } });
    expect(row.status).toBe("FAILED");
    const q = "query($id: ID!){ node(id: $id){ ... on User { email mailFailedAt mailFailure } } }";
    const coordinator = await w.s.signIn(world.users.municipal.email, TEST_PASSWORD);
    const seen = await w.s.gql(q, { id: gid("User", world.users.school.id) }, { token: coordinator });
    expect(seen.data.node.mailFailure).toContain("550");
    expect(seen.data.node.mailFailedAt).toBeTruthy();
    const curator = await w.s.signIn(world.users.curator.email, TEST_PASSWORD);
    const hidden = await w.s.gql(q, { id: gid("User", world.users.school.id) }, { token: curator });
    expect(hidden.data?.node?.mailFailure ?? null).toBeNull();
    // A later delivery to the address clears the mark.
    w.smtp.reject.delete(email);
    await notify(world.users.school.id, "DOCUMENT_APPROVED", "Вторая программа принята");
    await until(async () => !(await w.s.db.user.findUniqueOrThrow({ where: { id: world.users.school.id } })).mailFailedAt);
  });
});

describe("daily digest", () => {
  it("goes out once a local day after 08:00 in the user's region, listing reviews waiting and unread notifications", async () => {
    const db = w.s.db;
    // A submitted document at the curator's school waits for review.
    const factor = await db.riskFactor.findFirstOrThrow({ where: { programmeYearId: world.programmeYearId } });
    await db.document.create({ data: { participationId: world.participationId, kind: "ANTI_RISK_PROGRAMME", riskFactorId: factor.id, status: "SUBMITTED", submittedAt: new Date() } });
    await notify(world.users.curator.id, "DEADLINE_OVERDUE", "Просрочено мероприятие дайджеста");
    const region = await db.region.findUniqueOrThrow({ where: { id: world.regionId } });
    expect(region.timeZone).toBe("Asia/Chita"); // Забайкальский край, UTC+9
    const only = { userIds: [world.users.curator.id] };
    // 07:30 in Chita: too early.
    expect((await runDigest(db, new Date("2026-12-08T22:30:00Z"), only)).outboxIds).toHaveLength(0);
    // 08:30 in Chita.
    const at = new Date("2026-12-08T23:30:00Z");
    const r = await runDigest(db, at, only);
    expect(r.outboxIds).toHaveLength(1);
    expect((await runDigest(db, at, only)).outboxIds).toHaveLength(0);
    await w.worker.sweep();
    const mail = await w.smtp.waitFor(world.users.curator.email, (m) => m.subject.startsWith("МЭДК: сводка на"));
    expect(mail.subject).toBe("МЭДК: сводка на 9 декабря 2026 г.");
    expect(mail.text).toMatch(/Ждут вашей проверки: 1\. Просроченных сроков: 2\./); // the scan's alert and this one
    expect(mail.text).toContain(`Ждёт проверки: Программа антирисковых мер («${factor.title}»)`);
    expect(mail.text).toContain("Просрочено мероприятие дайджеста");
    expect(linkIn(mail.text, w.s.url, "/documents/")).toMatch(/^\/documents\//);
    // School accounts get no digest unless they chose one.
    expect((await runDigest(db, at, { userIds: [world.users.school.id] })).considered).toBe(0);
  });
});
