import { describe, expect, it } from "vitest";
import { digestMail, invitationMail, notificationMail, notificationPath, passwordResetMail, render } from "./templates.ts";
import { backoffSeconds } from "./sender.ts";
import { localClock } from "./digest.ts";

const base = "https://medk.example.ru";

describe("mail templates", () => {
  it("escape user text in HTML and keep it readable in plain text", () => {
    const m = render({ subject: "S", greeting: "Здравствуйте, <b>Иван</b>!", paragraphs: ["a & b"], quote: "«x» <script>", footer: "f" });
    expect(m.html).toContain("Здравствуйте, &lt;b&gt;Иван&lt;/b&gt;!");
    expect(m.html).not.toContain("<script>");
    expect(m.text).toContain("Здравствуйте, <b>Иван</b>!");
    expect(m.text).toContain("a & b");
  });

  it("invitation and reset mails carry their link in both bodies", () => {
    const inv = invitationMail({ fullName: "Анна", url: `${base}/invite/abc.def`, expiresAt: new Date("2026-12-10T09:00:00Z"), base });
    expect(inv.subject).toBe("Приглашение в МЭДК");
    expect(inv.text).toContain(`Задать пароль: ${base}/invite/abc.def`);
    expect(inv.html).toContain(`href="${base}/invite/abc.def"`);
    expect(inv.text).toContain("10 декабря 2026");
    const reset = passwordResetMail({ fullName: "Анна", url: `${base}/reset/abc.def`, minutes: 60, base });
    expect(reset.subject).toBe("Восстановление пароля МЭДК");
    expect(reset.text).toContain("60 мин.");
  });

  it("each mailed kind has its own subject; links follow the web's notification links", () => {
    const doc = notificationMail({ kind: "DOCUMENT_APPROVED", fullName: "А", title: "Концепция развития", payload: { documentId: "RG9j" }, base });
    expect(doc.subject).toBe("Документ принят: Концепция развития");
    expect(doc.text).toContain(`${base}/documents/RG9j`);
    expect(notificationPath("DOCUMENTS_OVERDUE", { schoolId: "U2No" })).toBe("/schools/U2No/documents");
    expect(notificationPath("ROADMAP_RETURNED", { roadmapId: "Um9h", schoolId: "U2No" })).toBe("/roadmaps/Um9h");
    expect(notificationPath("QUESTION_ANSWERED", { questionId: "UXVl" })).toBe("/consultations/UXVl");
    expect(notificationPath("DEADLINE_SOON", {})).toBeNull();
    expect(notificationMail({ kind: "DEADLINE_SOON", fullName: "А", title: "t", payload: {}, base }).text).toContain(`${base}/notifications`);
  });

  it("the digest counts what waits and says how many more there are", () => {
    const m = digestMail({
      fullName: "К",
      date: "9 декабря 2026 г.",
      base,
      content: { reviewsWaiting: [{ title: "Концепция — школа", path: "/documents/x" }], reviewsWaitingTotal: 12, overdue: 2, unread: [], unreadTotal: 0 },
    });
    expect(m.text).toContain("Ждут вашей проверки: 12. Просроченных сроков: 2. Непрочитанных уведомлений: 0.");
    expect(m.text).toContain("…и ещё 11");
  });
});

describe("delivery timing", () => {
  it("backs off 30 s, 2 min, 8 min … up to 6 h", () => {
    expect([1, 2, 3, 4].map(backoffSeconds)).toEqual([30, 120, 480, 1920]);
    expect(backoffSeconds(20)).toBe(6 * 3600);
  });

  it("reads the local clock of a region", () => {
    expect(localClock(new Date("2026-12-08T23:30:00Z"), "Asia/Chita")).toEqual({ date: "2026-12-09", hour: 8 });
    expect(localClock(new Date("2026-12-08T23:30:00Z"), "Europe/Moscow")).toEqual({ date: "2026-12-09", hour: 2 });
  });
});
