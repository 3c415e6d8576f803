// Russian e-mail templates: every mail has a subject, a plain-text body and an HTML body built from the
// same parts, and its links point at PUBLIC_URL. Pure functions (no database), unit-tested beside.
import type { NotificationKind } from "../../../../prisma/generated/client/enums.ts";

export interface Mail {
  subject: string;
  text: string;
  html: string;
}

export interface MailAction {
  label: string;
  url: string;
}

interface Parts {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Quoted text (a reviewer's comment), shown apart. */
  quote?: string | null;
  action?: MailAction | null;
  /** Bulleted lines (the digest). */
  list?: { text: string; url?: string | null }[];
  footer: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const FOOTER = "Это письмо отправлено системой МЭДК автоматически.";
const PREFS_FOOTER = (base: string) => `${FOOTER} Настроить, какие уведомления приходят на почту, можно в профиле: ${base}/profile`;

/** Assembles the text and HTML bodies from the same parts. */
export function render(p: Parts): Mail {
  const text = [
    p.greeting,
    "",
    ...p.paragraphs.flatMap((x) => [x, ""]),
    ...(p.quote ? [`«${p.quote}»`, ""] : []),
    ...(p.list?.length ? [...p.list.map((l) => `• ${l.text}${l.url ? ` — ${l.url}` : ""}`), ""] : []),
    ...(p.action ? [`${p.action.label}: ${p.action.url}`, ""] : []),
    "—",
    p.footer,
  ].join("\n");
  const html = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(p.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2328;font-size:15px;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-weight:bold;color:#1d4ed8">МЭДК</p>
<p>${esc(p.greeting)}</p>
${p.paragraphs.map((x) => `<p>${esc(x)}</p>`).join("\n")}
${p.quote ? `<blockquote style="margin:12px 0;padding:8px 12px;border-left:3px solid #d0d7de;color:#444">${esc(p.quote).replace(/\n/g, "<br>")}</blockquote>` : ""}
${p.list?.length ? `<ul>${p.list.map((l) => `<li>${l.url ? `<a href="${esc(l.url)}">${esc(l.text)}</a>` : esc(l.text)}</li>`).join("")}</ul>` : ""}
${p.action ? `<p style="margin:24px 0"><a href="${esc(p.action.url)}" style="display:inline-block;background:#1d4ed8;color:#fff;text-decoration:none;padding:10px 18px;border-radius:6px">${esc(p.action.label)}</a></p><p style="font-size:13px;color:#57606a">Если кнопка не открывается, скопируйте ссылку: ${esc(p.action.url)}</p>` : ""}
<hr style="border:none;border-top:1px solid #d0d7de;margin:24px 0 12px">
<p style="font-size:12px;color:#57606a">${esc(p.footer)}</p>
</div></body></html>`;
  return { subject: p.subject, text, html };
}

const hello = (name: string) => `Здравствуйте, ${name}!`;

const ruDateTime = (d: Date, timeZone = "Europe/Moscow") =>
  new Intl.DateTimeFormat("ru-RU", { dateStyle: "long", timeStyle: "short", timeZone }).format(d) + (timeZone === "Europe/Moscow" ? " (МСК)" : "");

/** The first invitation (or a re-issued one): a link to set the first password. */
export function invitationMail(a: { fullName: string; url: string; expiresAt: Date; base: string }): Mail {
  return render({
    subject: "Приглашение в МЭДК",
    greeting: hello(a.fullName),
    paragraphs: [
      "Для вас создана учётная запись в МЭДК — системе мониторинга электронных дорожных карт школ проекта «500+».",
      `Чтобы начать работу, задайте пароль по ссылке ниже. Ссылка действует до ${ruDateTime(a.expiresAt)} и только один раз.`,
    ],
    action: { label: "Задать пароль", url: a.url },
    footer: `${FOOTER} Если вы не ждали этого письма, просто не отвечайте на него. Вход: ${a.base}/login`,
  });
}

/** A password-reset link («Забыли пароль?»). */
export function passwordResetMail(a: { fullName: string; url: string; minutes: number; base: string }): Mail {
  return render({
    subject: "Восстановление пароля МЭДК",
    greeting: hello(a.fullName),
    paragraphs: [
      "Кто-то (возможно, вы) запросил восстановление пароля к вашей учётной записи МЭДК.",
      `Чтобы задать новый пароль, откройте ссылку ниже. Она действует ${a.minutes} мин. и только один раз; после смены пароля все открытые сеансы завершатся.`,
      "Если вы не запрашивали восстановление, ничего не делайте: пароль останется прежним.",
    ],
    action: { label: "Задать новый пароль", url: a.url },
    footer: FOOTER,
  });
}

interface KindText {
  subject: (title: string) => string;
  intro: string;
  action: string;
}

/** What each notification kind says in a mail; kinds not listed use the in-app title alone. */
const KIND_TEXT: Partial<Record<NotificationKind, KindText>> = {
  DOCUMENT_RETURNED: { subject: (t) => `Документ возвращён на доработку: ${t}`, intro: "Куратор вернул документ на доработку.", action: "Открыть документ" },
  DOCUMENT_APPROVED: { subject: (t) => `Документ принят: ${t}`, intro: "Куратор принял документ.", action: "Открыть документ" },
  DOCUMENT_SUBMITTED: { subject: (t) => `Новый документ ждёт проверки: ${t}`, intro: "Школа отправила документ на проверку. Он ждёт вашего решения.", action: "Проверить документ" },
  REVIEW_WAITING: { subject: (t) => `Ждёт проверки: ${t}`, intro: "Материал ждёт вашей проверки.", action: "Открыть" },
  DEADLINE_SOON: { subject: (t) => `Скоро срок: ${t}`, intro: "Приближается срок выполнения.", action: "Открыть" },
  DEADLINE_OVERDUE: { subject: (t) => `Срок прошёл: ${t}`, intro: "Срок выполнения прошёл.", action: "Открыть" },
  DOCUMENTS_DUE_SOON: { subject: (t) => `Скоро срок сдачи документов: ${t}`, intro: "Приближается срок сдачи документов школы.", action: "Открыть документы" },
  DOCUMENTS_OVERDUE: { subject: (t) => `Документы просрочены: ${t}`, intro: "Срок сдачи документов школы прошёл.", action: "Открыть документы" },
  ROADMAP_SUBMITTED: { subject: (t) => `Дорожная карта ждёт проверки: ${t}`, intro: "Дорожная карта отправлена на проверку и ждёт вашего решения.", action: "Проверить дорожную карту" },
  ROADMAP_APPROVED: { subject: (t) => `Дорожная карта утверждена: ${t}`, intro: "Дорожная карта утверждена.", action: "Открыть дорожную карту" },
  ROADMAP_RETURNED: { subject: (t) => `Дорожная карта возвращена на доработку: ${t}`, intro: "Дорожная карта возвращена на доработку.", action: "Открыть дорожную карту" },
  ROADMAP_DUE_SOON: { subject: (t) => `Скоро срок дорожной карты: ${t}`, intro: "Приближается срок по дорожной карте.", action: "Открыть" },
  ROADMAP_OVERDUE: { subject: (t) => `Срок дорожной карты прошёл: ${t}`, intro: "Срок по дорожной карте прошёл.", action: "Открыть" },
  QUESTION_ANSWERED: { subject: (t) => `Ответ на ваш вопрос: ${t}`, intro: "На ваш вопрос на линии консультаций дан ответ.", action: "Прочитать ответ" },
  QUESTION_ASKED: { subject: (t) => `Новый вопрос на линии консультаций: ${t}`, intro: "На линию консультаций пришёл вопрос, который ждёт ответа.", action: "Открыть вопрос" },
  QUESTION_OVERDUE: { subject: (t) => `Вопрос давно ждёт ответа: ${t}`, intro: "Вопрос на линии консультаций остаётся без ответа дольше установленного срока.", action: "Открыть вопрос" },
  MEASURE_COMMENTED: { subject: (t) => `Новый комментарий: ${t}`, intro: "К мероприятию дорожной карты оставлен комментарий.", action: "Открыть" },
  PROFILE_CONFIRMED: { subject: (t) => `Рисковый профиль: ${t}`, intro: "Изменилось подтверждение рискового профиля школы.", action: "Открыть профиль" },
};

/** The global-id link of a notification, as the web's notificationHref builds it. */
export function notificationPath(kind: NotificationKind, payload: Record<string, unknown>): string | null {
  const id = (k: string) => (typeof payload[k] === "string" && payload[k] ? encodeURIComponent(payload[k] as string) : null);
  if (id("questionId")) return `/consultations/${id("questionId")}`;
  if (id("documentId")) return `/documents/${id("documentId")}`;
  if (id("roadmapId")) return `/roadmaps/${id("roadmapId")}`;
  if (kind === "PROFILE_CONFIRMED" && id("participationId")) return `/participations/${id("participationId")}/profile`;
  if (id("schoolId")) return kind === "DOCUMENTS_DUE_SOON" || kind === "DOCUMENTS_OVERDUE" ? `/schools/${id("schoolId")}/documents` : `/schools/${id("schoolId")}`;
  if (id("municipalityId")) return `/municipalities/${id("municipalityId")}`;
  if (id("regionId")) return `/regions/${id("regionId")}`;
  return null;
}

/** One notification as an e-mail (the «immediately» preference). */
export function notificationMail(a: { kind: NotificationKind; fullName: string; title: string; payload: Record<string, unknown>; base: string }): Mail {
  const k = KIND_TEXT[a.kind];
  const path = notificationPath(a.kind, a.payload);
  const comment = typeof a.payload.comment === "string" && a.payload.comment.trim() ? a.payload.comment.trim() : null;
  return render({
    subject: k ? k.subject(a.title) : a.title,
    greeting: hello(a.fullName),
    paragraphs: [k?.intro ?? "Новое уведомление в МЭДК.", a.title],
    quote: comment,
    action: { label: k?.action ?? "Открыть", url: `${a.base}${path ?? "/notifications"}` },
    footer: PREFS_FOOTER(a.base),
  });
}

export interface DigestContent {
  reviewsWaiting: { title: string; path: string }[];
  reviewsWaitingTotal: number;
  overdue: number;
  unread: { title: string; path: string | null }[];
  unreadTotal: number;
}

export const digestIsEmpty = (c: DigestContent) => !c.reviewsWaitingTotal && !c.overdue && !c.unreadTotal;

/** The daily digest of curators and coordinators: what waits for them. */
export function digestMail(a: { fullName: string; date: string; content: DigestContent; base: string }): Mail {
  const c = a.content;
  const more = (shown: number, total: number) => (total > shown ? [{ text: `…и ещё ${total - shown}` }] : []);
  const list = [
    ...c.reviewsWaiting.map((r) => ({ text: `Ждёт проверки: ${r.title}`, url: `${a.base}${r.path}` })),
    ...more(c.reviewsWaiting.length, c.reviewsWaitingTotal),
    ...c.unread.map((n) => ({ text: n.title, url: n.path ? `${a.base}${n.path}` : null })),
    ...more(c.unread.length, c.unreadTotal),
  ];
  return render({
    subject: `МЭДК: сводка на ${a.date}`,
    greeting: hello(a.fullName),
    paragraphs: [`Ждут вашей проверки: ${c.reviewsWaitingTotal}. Просроченных сроков: ${c.overdue}. Непрочитанных уведомлений: ${c.unreadTotal}.`],
    list,
    action: { label: "Открыть МЭДК", url: `${a.base}/` },
    footer: PREFS_FOOTER(a.base),
  });
}
