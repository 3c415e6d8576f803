// The consultation line, the banks of materials and practices, and webinars with attendance.
// Rows without a unique key are found by their title (and author) before being created.
import type { MaterialKind } from "../../generated/client/client.ts";
import { addDays } from "../lib/dates.ts";
import { ensure } from "../lib/ensure.ts";
import { demoPdf, storeFile } from "../lib/storage.ts";
import { DEMO_PEOPLE } from "./accounts.ts";
import { factorId, idOf, TX, yearId, type DemoContext } from "./context.ts";
import { CURRENT_YEAR } from "./world.ts";
import { gid } from "../lib/gid.ts";
import { collectFaqWords } from "../../../api/src/modules/consultation/search.ts";

const FIOCO = "fioco@demo.medk.ru";
const TEMPLATE_PDF = () =>
  demoPdf("Шаблон программы антирисковых мер", [
    "Разделы программы: цель, задачи, мероприятия, показатели и их целевые значения, ответственные, сроки.",
    "Программа составляется по каждому выбранному фактору риска из рискового профиля школы.",
  ]);

const QUESTIONS = [
  {
    author: "school.undino@demo.medk.ru",
    topic: "Рисковый профиль",
    body: "Можно ли изменить перечень выбранных факторов риска после верификации рискового профиля?",
    answer:
      "Да, до утверждения концептуальных документов. Школа предлагает изменения, куратор и муниципальный координатор подтверждают профиль повторно. После утверждения программ антирисковых мер изменения вносятся через доработку документов.",
    inFaq: true,
    day: -30,
  },
  {
    author: "curator2@demo.medk.ru",
    topic: "Проверка документов",
    body: "Как вернуть документ на доработку, если замечания касаются только одного раздела?",
    answer: "Верните документ с комментарием: укажите раздел и суть замечаний. Школа загрузит исправленную версию; все версии и решения сохраняются в истории документа.",
    inFaq: true,
    day: -21,
  },
  {
    author: "region62@demo.medk.ru",
    topic: "Мониторинг",
    body: "По каким критериям оцениваются регионы в этом году?",
    answer:
      "Шесть критериев по одному баллу: утверждённые документы, заполненные дорожные карты, отсутствие просрочек, верифицированные профили, назначенные кураторы и участие в вебинарах. Зелёная зона — от 5 баллов, жёлтая — от 3.",
    inFaq: true,
    day: -18,
  },
  {
    author: "baley@demo.medk.ru",
    topic: "Дорожная карта",
    body: "Нужно ли включать в муниципальную дорожную карту мероприятия школ?",
    answer: "Нет. Муниципальная дорожная карта содержит меры поддержки на уровне муниципалитета; мероприятия школ ведутся в их собственных дорожных картах.",
    inFaq: true,
    day: -12,
  },
  {
    author: "school.zhidka@demo.medk.ru",
    topic: "Сроки",
    body: "Можно ли перенести срок загрузки среднесрочной программы развития, если педагогический совет переносится?",
    answer: null,
    inFaq: false,
    day: -2,
  },
];

/** The consultation line's topics (the federal coordinator edits the list). */
export const QUESTION_TOPICS = ["Рисковый профиль", "Концептуальные документы", "Проверка документов", "Дорожная карта", "Мониторинг", "Сроки", "Кураторы", "Работа в МЭДК"];

async function seedQuestions(ctx: DemoContext) {
  const { db, now } = ctx;
  const topicIds = new Map<string, string>();
  for (const [i, title] of QUESTION_TOPICS.entries()) {
    const t = await ensure(
      () => db.questionTopic.findUnique({ where: { title } }),
      () => db.questionTopic.create({ data: { title, position: i + 1 } }),
    );
    topicIds.set(title, t.id);
  }
  const fiocoId = idOf(ctx.users, FIOCO, "user");
  for (const q of QUESTIONS) {
    const authorId = idOf(ctx.users, q.author, "user");
    const topicId = topicIds.get(q.topic)!;
    // Where the asker stands: the place its question is routed by.
    const role = await db.roleAssignment.findFirstOrThrow({
      where: { userId: authorId },
      select: {
        regionId: true,
        municipalityId: true,
        schoolId: true,
        municipality: { select: { regionId: true } },
        school: { select: { municipalityId: true, municipality: { select: { regionId: true } } } },
      },
    });
    const municipalityId = role.municipalityId ?? role.school?.municipalityId ?? null;
    const regionId = role.regionId ?? role.municipality?.regionId ?? role.school?.municipality.regionId ?? null;
    await ensure(
      () => db.question.findFirst({ where: { authorId, topicId, body: q.body } }),
      () =>
        db.$transaction(async (tx) => {
          const answeredAt = q.answer ? addDays(now, q.day + 2) : null;
          const question = await tx.question.create({
            data: {
              programmeYearId: yearId(ctx, CURRENT_YEAR),
              authorId,
              topicId,
              body: q.body,
              status: q.answer ? "ANSWERED" : "NEW",
              level: regionId ? "REGION" : "FEDERAL",
              regionId,
              municipalityId,
              schoolId: role.schoolId,
              answeredAt,
              answeredById: q.answer ? fiocoId : null,
              createdAt: addDays(now, q.day),
            },
          });
          if (q.answer && answeredAt) {
            await tx.answer.create({
              data: { questionId: question.id, authorId: fiocoId, body: q.answer, createdAt: answeredAt },
            });
            if (q.inFaq)
              await tx.faqEntry.create({
                data: {
                  questionId: question.id,
                  topicId,
                  year: CURRENT_YEAR,
                  scope: "FEDERAL",
                  question: q.body,
                  answer: q.answer,
                  publishedById: fiocoId,
                  publishedAt: addDays(answeredAt, 1),
                },
              });
            if (q.inFaq) await collectFaqWords(tx, [q.body, q.answer]);
            await tx.notification.create({
              data: {
                recipientId: authorId,
                kind: "QUESTION_ANSWERED",
                title: `Ответ консультационной линии: ${q.topic}`,
                payload: { questionId: gid("Question", question.id) },
                dedupeKey: `question:${question.id}:answered`,
                createdAt: answeredAt,
                readAt: addDays(answeredAt, 1),
              },
            });
          }
          return question;
        }, TX),
    );
  }
}

async function seedMaterials(ctx: DemoContext) {
  const { db, now } = ctx;
  const publishedById = idOf(ctx.users, FIOCO, "user");
  const current = yearId(ctx, CURRENT_YEAR);
  const materials: {
    kind: MaterialKind;
    title: string;
    description: string;
    url?: string;
    programmeYearId: string | null;
    fileName?: string;
  }[] = [
    {
      kind: "METHODICAL",
      title: "Методика адресной методической помощи общеобразовательным организациям, имеющим низкие образовательные результаты обучающихся",
      description: "Актуальная версия методики ФИОКО со всеми приложениями.",
      url: "https://fioco.ru/antirisk",
      programmeYearId: null,
    },
    {
      kind: "TEMPLATE",
      title: "Шаблон программы антирисковых мер",
      description: "Структура программы: цель, задачи, меры, показатели, сроки, ответственные.",
      fileName: "Шаблон программы антирисковых мер.pdf",
      programmeYearId: current,
    },
    {
      kind: "NORMATIVE",
      title: "Об утверждении участников проекта «500+» в 2022 году (Забайкальский край)",
      description: "Приказ Министерства образования, науки и молодёжной политики Забайкальского края от 17.12.2021 № 1186.",
      programmeYearId: yearId(ctx, 2022),
    },
    {
      kind: "WEBINAR_RECORDING",
      title: "Запись установочного вебинара для кураторов и школ — участников проекта",
      description: "Задачи участников на первый этап: диагностика, рисковый профиль, концептуальные документы.",
      url: "https://fioco.ru/antirisk",
      programmeYearId: current,
    },
  ];
  for (const { fileName, ...m } of materials) {
    const createdAt = addDays(now, -35);
    await ensure(
      () => db.material.findFirst({ where: { title: m.title } }),
      async () => {
        const stored = fileName ? await storeFile(await TEMPLATE_PDF()) : null;
        return db.$transaction(async (tx) => {
          const file = stored
            ? await tx.storedFile.create({
                data: {
                  ...stored,
                  originalName: fileName!,
                  mediaType: "application/pdf",
                  uploadedById: publishedById,
                  createdAt,
                },
              })
            : null;
          return tx.material.create({
            data: {
              ...m,
              fileId: file?.id ?? null,
              publishedById,
              createdAt,
              // The bank keeps versions; a material with a file or a link starts at version 1.
              versions: file || m.url ? { create: { number: 1, fileId: file?.id ?? null, url: m.url ?? null, createdById: publishedById, createdAt } } : undefined,
            },
          });
        }, TX);
      },
    );
  }
}

async function seedPractices(ctx: DemoContext) {
  const { db, now } = ctx;
  const practices = [
    {
      school: "baley14",
      factor: 5,
      title: "Сетевое взаимодействие школы-куратора и курируемых школ",
      description:
        "Школа-куратор, сама вышедшая из списка ШНОР в 2021 году, проводит для курируемых сельских школ совместные методические дни, взаимопосещения уроков и разбор результатов ВПР. Для оперативных вопросов создан общий чат.",
      author: "region75@demo.medk.ru",
    },
    {
      school: "zhidka",
      factor: 9,
      title: "Родительский клуб «Вместе» в малокомплектной сельской школе",
      description:
        "Ежемесячные встречи родителей, учителей и психолога: совместные праздники, консультации по подготовке к экзаменам, обсуждение успеваемости. Посещаемость собраний выросла с трети до двух третей родителей.",
      author: "curator2@demo.medk.ru",
    },
  ];
  for (const p of practices) {
    await ensure(
      () => db.practice.findFirst({ where: { title: p.title } }),
      () =>
        db.practice.create({
          data: {
            schoolId: idOf(ctx.schools, p.school, "school"),
            riskFactorId: factorId(ctx, CURRENT_YEAR, p.factor),
            title: p.title,
            description: p.description,
            publishedById: idOf(ctx.users, p.author, "user"),
            createdAt: addDays(now, -14),
          },
        }),
    );
  }
}

async function seedEvents(ctx: DemoContext) {
  const { db, now } = ctx;
  const byRole = (...roles: string[]) => DEMO_PEOPLE.filter((p) => roles.includes(p.role)).map((p) => p.email);
  const events = [
    {
      kind: "WEBINAR" as const,
      title: "Установочный вебинар для кураторов и школ — участников проекта",
      day: -32,
      // One school missed it: attendance is not always 100 %.
      attendees: byRole("CURATOR", "SCHOOL").map((email) => ({
        email,
        attended: email !== "school.batki@demo.medk.ru",
      })),
    },
    {
      kind: "WEBINAR" as const,
      title: "Установочный вебинар для муниципальных координаторов",
      day: -33,
      attendees: byRole("MUNICIPAL_COORDINATOR").map((email) => ({ email, attended: true })),
    },
    {
      kind: "SEMINAR" as const,
      title: "Региональный семинар «Эффективные практики работы с родителями»",
      day: 12,
      attendees: ["curator1@demo.medk.ru", "curator2@demo.medk.ru", "school.undino@demo.medk.ru", "school.zhidka@demo.medk.ru"].map((email) => ({ email, attended: false })),
    },
  ];
  for (const e of events) {
    await ensure(
      () => db.event.findFirst({ where: { title: e.title } }),
      () =>
        db.event.create({
          data: {
            programmeYearId: yearId(ctx, CURRENT_YEAR),
            kind: e.kind,
            title: e.title,
            startsAt: addDays(now, e.day),
            url: "https://fioco.ru/antirisk",
            attendance: {
              create: e.attendees.map((a) => ({
                userId: idOf(ctx.users, a.email, "user"),
                attended: a.attended,
              })),
            },
          },
        }),
    );
  }
}

export async function seedCommunity(ctx: DemoContext): Promise<void> {
  await seedQuestions(ctx);
  await seedMaterials(ctx);
  await seedPractices(ctx);
  await seedEvents(ctx);
}
