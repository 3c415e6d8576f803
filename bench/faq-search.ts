// FAQ search over 20,000 questions: p50/p95 of the search the FAQ page and «similar questions» run
// (russian full-text with ranking and ts_headline fragments; the pg_trgm fallback for typos), over varied
// queries — word forms, several words, filters by topic and year, typos, words that match nothing.
//
//   npx tsx bench/faq-search.ts [entries, default 20000]
//
// With DATABASE_URL it uses that (migrated) database; without, a throwaway embedded PostgreSQL 17.
// The generated questions, answers and entries are removed at the end. Target: p95 < 50 ms.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startEmbeddedPostgres, type EmbeddedDb } from "../api/src/db/embedded-pg.ts";
import { migrate } from "../api/src/db/bootstrap.ts";
import { createPrisma } from "../api/src/db.ts";
import { searchFaq, type FaqSearch } from "../api/src/modules/consultation/search.ts";

const N = Number(process.argv[2] ?? 20_000);
const ROUNDS = 20;
let embedded: EmbeddedDb | undefined;
let dir: string | undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  dir = mkdtempSync(join(tmpdir(), "medk-bench-faq-"));
  chmodSync(dir, 0o755);
  embedded = await startEmbeddedPostgres({ dataDir: join(dir, "data"), persistent: false });
  url = embedded.url;
}
const db = createPrisma(url, { poolSize: 4 });
const TAG = `bench-faq-${Date.now()}`;

// Vocabulary of the programme, with the word forms questions really use. A real FAQ repeats itself less
// than any generator; this one draws each question from 25 × 40 × 30 phrases and each answer from 3 of
// 48 sentences, so a common word («дорожная карта», «школа») still matches thousands of entries.
const ACTIONS = [
  "изменить",
  "заполнить",
  "утвердить",
  "загрузить",
  "отправить на проверку",
  "вернуть на доработку",
  "согласовать",
  "перенести срок",
  "оформить",
  "обновить",
  "удалить",
  "подписать",
  "распечатать",
  "выгрузить в Excel",
  "исправить",
  "дополнить",
  "заменить",
  "сократить",
  "пересчитать",
  "проверить",
  "опубликовать",
  "приложить",
  "указать",
  "назначить",
  "отменить",
];
const OBJECTS = [
  "дорожную карту школы",
  "муниципальную дорожную карту",
  "концепцию развития",
  "среднесрочную программу развития",
  "программу антирисковых мер",
  "рисковый профиль",
  "отчёт о мероприятии",
  "показатели реализации",
  "перечень факторов риска",
  "приказ о назначении куратора",
  "план мероприятий",
  "доказательства выполнения",
  "анкеты для родителей",
  "результаты диагностики",
  "сведения о педагогах",
  "паспорт школы",
  "протокол педсовета",
  "график консультаций",
  "состав рабочей группы",
  "отчёт муниципалитета",
  "оценку региона",
  "список участников",
  "форму мониторинга",
  "итоги вебинара",
  "методические рекомендации",
  "положение о внутренней оценке",
  "план повышения квалификации",
  "карту рисков",
  "журнал посещений",
  "соглашение с кураторской школой",
  "таблицу индикаторов",
  "мониторинг успеваемости",
  "программу воспитания",
  "расписание внеурочной деятельности",
  "анализ результатов ВПР",
  "план работы с родителями",
  "заявку на участие",
  "справку о выполнении",
  "характеристику школы",
  "отзыв куратора",
];
const CONTEXTS = [
  "после утверждения куратором",
  "если педагогический совет перенесён",
  "в середине учебного года",
  "при смене директора",
  "до конца апреля",
  "если школа вышла из проекта",
  "по требованию муниципалитета",
  "после повторной верификации",
  "если куратор не отвечает",
  "для нескольких факторов риска",
  "в электронном виде",
  "без подписи руководителя",
  "во время карантина",
  "при реорганизации школы",
  "если изменилась нагрузка учителей",
  "для филиала школы",
  "в летний период",
  "при переходе на новый ФГОС",
  "если не хватает специалистов",
  "после проверки надзорного органа",
  "когда сайт недоступен",
  "для малокомплектной школы",
  "при нехватке финансирования",
  "если родители против",
  "в конце года",
  "при переезде школы",
  "если куратор сменился",
  "до начала мониторинга",
  "по итогам диагностики",
  "в новом году проекта",
];
const ANSWERS = [
  "Изменения вносятся новой версией документа, все версии сохраняются в истории.",
  "Куратор проверяет документ и принимает его или возвращает на доработку с комментарием.",
  "Срок устанавливается региональным координатором в пределах года проекта.",
  "Показатели дорожной карты должны иметь целевые значения и подтверждающие материалы.",
  "Муниципальный координатор подтверждает рисковый профиль вместе со школой и куратором.",
  "Файлы принимаются в форматах PDF, DOC, DOCX, ODT, XLS, XLSX, ODS и RTF.",
  "Федеральный координатор публикует ответы на частые вопросы.",
  "Мероприятия школы ведутся в её собственном плане, а не в муниципальном.",
  "Обратитесь к региональному координатору: он уточнит порядок для вашего субъекта.",
  "Подпись руководителя не требуется, достаточно загрузки от имени учётной записи школы.",
  "Перенос срока согласуется с муниципалитетом и фиксируется в системе.",
  "Рабочая группа утверждается приказом директора до начала работы над концепцией.",
  "Отчёт формируется автоматически по данным мониторинга.",
  "Выгрузка доступна в форматах CSV и XLSX на странице отчётов.",
  "Учитель может участвовать в нескольких рабочих группах одновременно.",
  "Результаты анкетирования учитываются при расчёте значимости факторов.",
  "Доказательства выполнения прикладываются к каждому мероприятию отдельно.",
  "Смена куратора выполняется региональным координатором, история сохраняется.",
  "Филиалы отчитываются в составе головной организации.",
  "Вебинары записываются, записи доступны в банке материалов.",
  "Повторная верификация проводится по запросу школы или муниципалитета.",
  "Если школа вышла из проекта, её документы остаются доступны для чтения.",
  "Индикаторы выбираются из перечня, рекомендованного методическими материалами.",
  "Родители участвуют через анкетирование и совет школы.",
  "Малокомплектные школы используют упрощённые формы отчётности.",
  "Программа воспитания не входит в перечень обязательных документов проекта.",
  "При реорганизации создаётся новая карточка школы, данные переносятся координатором.",
  "Мониторинг проводится ежеквартально по единой форме.",
  "Итоги диагностики публикуются в личном кабинете школы.",
  "Курсы повышения квалификации подбираются по выявленным дефицитам.",
  "Соглашение с кураторской школой заключается на год проекта.",
  "Журнал посещений ведётся в электронном виде.",
  "Справка о выполнении формируется по завершении мероприятия.",
  "Оценка региона рассчитывается по шести критериям.",
  "Заявки на участие принимаются до декабря предыдущего года.",
  "Анализ результатов ВПР прикладывается к концепции развития.",
  "Внеурочная деятельность планируется с учётом выявленных рисков.",
  "В летний период сроки мероприятий можно сдвигать без согласования.",
  "Новый ФГОС учитывается при обновлении среднесрочной программы.",
  "Нехватка специалистов компенсируется сетевым взаимодействием.",
  "Недоступность сайта не продлевает сроки: используйте резервный канал.",
  "Протокол педсовета загружается как приложение к документу.",
  "Паспорт школы заполняется один раз и обновляется при изменениях.",
  "Характеристика школы готовится куратором по итогам года.",
  "Отзыв куратора виден школе и муниципальному координатору.",
  "Финансирование мероприятий не является условием участия.",
  "Карта рисков строится по результатам рискового профиля.",
  "Таблица индикаторов заполняется по итогам каждого квартала.",
];

const QUERIES: { name: string; q: Omit<FaqSearch, "regions" | "limit"> }[] = [
  { name: "word form «дорожной карты»", q: { text: "дорожной карты" } },
  { name: "«изменение концепции развития»", q: { text: "изменить концепции развития" } },
  { name: "three words", q: { text: "программа антирисковых мер утверждение" } },
  { name: "frequent word «школы»", q: { text: "школы" } },
  { name: "phrase with context", q: { text: "перенести срок педагогический совет" } },
  { name: "rare combination", q: { text: "анкеты родителей смена директора" } },
  { name: "quoted phrase", q: { text: '"рисковый профиль"' } },
  { name: "with topic filter", q: { text: "куратор проверка", topicId: "TOPIC" } },
  { name: "with year filter", q: { text: "показатели реализации", year: 2025 } },
  { name: "topic + year, no text", q: { topicId: "TOPIC", year: 2024 } },
  { name: "browse (no text)", q: {} },
  { name: "typo «дарожной карты»", q: { text: "дарожной карты" } },
  { name: "typo «утверждёной концепцыи»", q: { text: "утверждёной концепцыи" } },
  { name: "typo «концепцыя развитя»", q: { text: "концепцыя развитя" } },
  { name: "nothing matches", q: { text: "квантовая хромодинамика" } },
  { name: "similar (any word), long text", q: { text: "Как нам изменить дорожную карту школы после утверждения куратором, если директор сменился?", match: "any" } },
  { name: "similar (any word), short", q: { text: "вернуть программу на доработку", match: "any" } },
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

try {
  await migrate(url);
  const left = await db.user.count({ where: { email: { startsWith: "bench-faq-" } } });
  if (left) throw new Error("rows of an earlier run kept with BENCH_KEEP=1 are still there: remove them first");
  const t0 = performance.now();
  const user = await db.user.create({ data: { email: `${TAG}@bench.medk.ru`, fullName: "Бенчмарк Поиска" } });
  const topics = await Promise.all(
    ["Дорожная карта", "Документы", "Рисковый профиль", "Сроки", "Кураторы"].map((t, i) => db.questionTopic.create({ data: { title: `${t} (${TAG})`, position: 100 + i } })),
  );
  const topicIds = topics.map((t) => t.id);
  const region = await db.region.findFirst({ select: { id: true } });
  // Questions and their FAQ entries, generated in SQL (a few seconds for 20,000).
  await db.$executeRaw`
    WITH g AS (
      SELECT i,
        'Как ' || (${ACTIONS}::text[])[1 + i % ${ACTIONS.length}] || ' ' || (${OBJECTS}::text[])[1 + (i / 7) % ${OBJECTS.length}] || ' '
          || (${CONTEXTS}::text[])[1 + (i / 3) % ${CONTEXTS.length}] || '? Вопрос № ' || i AS question,
        (${ANSWERS}::text[])[1 + (i * 7) % ${ANSWERS.length}] || ' ' || (${ANSWERS}::text[])[1 + (i / 5) % ${ANSWERS.length}] || ' '
          || (${ANSWERS}::text[])[1 + (i / 13) % ${ANSWERS.length}] AS answer,
        (${topicIds}::uuid[])[1 + i % ${topicIds.length}] AS topic,
        2021 + i % 6 AS year
      FROM generate_series(1, ${N}::int) i
    ),
    q AS (
      INSERT INTO "Question" ("authorId", "topicId", body, status, level, "answeredAt", "answeredById")
      SELECT ${user.id}::uuid, topic, question, 'ANSWERED', 'FEDERAL', now(), ${user.id}::uuid FROM g
      RETURNING id, body, "topicId"
    )
    INSERT INTO "FaqEntry" ("questionId", "topicId", year, scope, "regionId", question, answer, "publishedById", "publishedAt")
    SELECT q.id, q."topicId", g.year,
      CASE WHEN g.i % 10 = 0 AND ${region?.id ?? null}::uuid IS NOT NULL THEN 'REGIONAL'::"FaqScope" ELSE 'FEDERAL'::"FaqScope" END,
      CASE WHEN g.i % 10 = 0 THEN ${region?.id ?? null}::uuid END,
      g.question, g.answer, ${user.id}::uuid, now() - make_interval(mins => g.i)
    FROM q JOIN g ON g.question = q.body`;
  // The word list of the typo correction, as publishing fills it.
  await db.$executeRaw`
    INSERT INTO "FaqWord" ("lexeme", "word")
    SELECT DISTINCT ON (lex) lex, w
    FROM "FaqEntry", regexp_split_to_table(translate(lower(question || ' ' || answer), 'ё', 'е'), '[^[:alnum:]]+') AS w,
         unnest(tsvector_to_array(to_tsvector('russian', w))) AS lex
    WHERE length(lex) BETWEEN 2 AND 40 AND lex ~ '[[:alpha:]]'
    ORDER BY lex, w
    ON CONFLICT DO NOTHING`;
  await db.$executeRawUnsafe(`ANALYZE "FaqEntry"`);
  await db.$executeRawUnsafe(`ANALYZE "FaqWord"`);
  const total = await db.faqEntry.count();
  console.log(`generated ${N} questions with FAQ entries in ${((performance.now() - t0) / 1000).toFixed(1)} s (${total} entries in the table)`);

  const regions: string[] = []; // a school of no region with a regional FAQ: federal entries only
  const run = (q: (typeof QUERIES)[number]["q"]) => searchFaq(db, { ...q, topicId: q.topicId ? topicIds[0] : null, regions, limit: q.match === "any" ? 5 : 20 });
  // Warm-up: plans and caches, as on a running server.
  for (const { q } of QUERIES) await run(q);

  const all: number[] = [];
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(" ");
  console.log(`load average before the timed runs: ${load()}`);
  console.log(`\n${"query".padEnd(38)} ${"hits".padStart(6)}  ${"mode".padEnd(13)} ${"p50".padStart(9)} ${"p95".padStart(9)}`);
  for (const { name, q } of QUERIES) {
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof run>> | undefined;
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      last = await run(q);
      times.push(performance.now() - t);
    }
    all.push(...times);
    console.log(`${name.padEnd(38)} ${`${last!.total}${last!.capped ? "+" : ""}`.padStart(6)}  ${last!.mode.padEnd(13)} ${ms(pct(times, 50)).padStart(9)} ${ms(pct(times, 95)).padStart(9)}`);
  }
  console.log(`load average after the timed runs: ${load()}`);
  const p50 = pct(all, 50);
  const p95 = pct(all, 95);
  console.log(`\nall ${all.length} searches over ${total} entries: p50 ${ms(p50)}, p95 ${ms(p95)}, max ${ms(Math.max(...all))} — target p95 < 50 ms: ${p95 < 50 ? "met" : "NOT met"}`);

  // Cleanup: the generated rows only (BENCH_KEEP=1 keeps them for EXPLAIN).
  if (!process.env.BENCH_KEEP) await cleanup(user.id, topicIds);
  if (p95 >= 50) process.exitCode = 1;
} finally {
  await db.$disconnect();
  await embedded?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

async function cleanup(userId: string, topicIds: string[]) {
  await db.faqEntry.deleteMany({ where: { publishedById: userId } });
  await db.question.deleteMany({ where: { authorId: userId } });
  await db.questionTopic.deleteMany({ where: { id: { in: topicIds } } });
  await db.user.delete({ where: { id: userId } });
}
