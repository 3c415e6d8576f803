// Measure templates for school roadmaps, in the style of the municipal plan in seed 004. Shared by the
// demo world and the national generator.

export interface MeasureTemplate {
  title: string;
  description: string;
  /** The risk factor the measure works on. */
  factor: number;
  responsible: string[];
  indicatorName: string;
  indicatorUnit: string;
  baseline: number;
  target: number;
}

const DIR = "Директор";
const UVR = "Заместитель директора по УВР";
const VR = "Заместитель директора по ВР";
const PSY = "Педагог-психолог";
const RMO = "Руководитель ШМО";
const CLASS = "Классные руководители";

export const MEASURE_TEMPLATES: readonly MeasureTemplate[] = [
  {
    title: "Проведение диагностики профессиональных дефицитов педагогов",
    description: "Диагностика предметных и методических компетенций учителей с участием регионального ЦНППМ.",
    factor: 3,
    responsible: [UVR],
    indicatorName: "Доля педагогов, прошедших диагностику профессиональных дефицитов",
    indicatorUnit: "%",
    baseline: 0,
    target: 100,
  },
  {
    title: "Разработка индивидуальных образовательных маршрутов педагогов",
    description: "По итогам диагностики для каждого педагога составлен маршрут профессионального развития.",
    factor: 3,
    responsible: [UVR, RMO],
    indicatorName: "Доля педагогов с индивидуальным образовательным маршрутом",
    indicatorUnit: "%",
    baseline: 0,
    target: 80,
  },
  {
    title: "Организация курсов повышения квалификации по предметам с низкими результатами",
    description: "Курсы по математике и русскому языку на платформе ЦНППМ и ИРО.",
    factor: 3,
    responsible: [DIR, UVR],
    indicatorName: "Доля учителей математики и русского языка, прошедших КПК",
    indicatorUnit: "%",
    baseline: 20,
    target: 100,
  },
  {
    title: "Взаимопосещение уроков с участием ОО-куратора",
    description: "Посещение уроков кураторами и коллегами с последующим разбором.",
    factor: 5,
    responsible: [UVR, RMO],
    indicatorName: "Количество посещённых и проанализированных уроков",
    indicatorUnit: "уроков",
    baseline: 0,
    target: 24,
  },
  {
    title: "Создание внутришкольной системы наставничества",
    description: "Положение о наставничестве, закрепление наставников за молодыми и новыми педагогами.",
    factor: 5,
    responsible: [DIR],
    indicatorName: "Доля молодых педагогов, закреплённых за наставниками",
    indicatorUnit: "%",
    baseline: 0,
    target: 100,
  },
  {
    title: "Проведение открытых уроков и мастер-классов педагогами школы",
    description: "Методическая неделя: открытые уроки по формирующему оцениванию.",
    factor: 5,
    responsible: [RMO],
    indicatorName: "Количество открытых уроков и мастер-классов",
    indicatorUnit: "мероприятий",
    baseline: 2,
    target: 10,
  },
  {
    title: "Организация консультаций для обучающихся с рисками учебной неуспешности",
    description: "Индивидуальные и групповые консультации по графику, учёт динамики по каждому ученику.",
    factor: 6,
    responsible: [UVR, "Учителя-предметники"],
    indicatorName: "Доля обучающихся группы риска с положительной динамикой отметок",
    indicatorUnit: "%",
    baseline: 15,
    target: 60,
  },
  {
    title: "Мониторинг результатов ВПР и анализ затруднений обучающихся",
    description: "Поэлементный анализ ВПР, корректировка рабочих программ.",
    factor: 6,
    responsible: [UVR],
    indicatorName: "Доля обучающихся, получивших «2» по итогам ВПР",
    indicatorUnit: "%",
    baseline: 28,
    target: 15,
  },
  {
    title: "Разработка программы психолого-педагогического сопровождения обучающихся",
    description: "Программа сопровождения учащихся с трудностями в обучении и поведении.",
    factor: 6,
    responsible: [PSY],
    indicatorName: "Программа сопровождения утверждена",
    indicatorUnit: "да/нет",
    baseline: 0,
    target: 1,
  },
  {
    title: "Проведение родительских собраний по вопросам учебной мотивации и успеваемости",
    description: "Общешкольное собрание и собрания в классах с участием куратора.",
    factor: 9,
    responsible: [DIR, CLASS],
    indicatorName: "Доля родителей, посетивших собрания",
    indicatorUnit: "%",
    baseline: 35,
    target: 70,
  },
  {
    title: "Создание родительского клуба «Вместе»",
    description: "Встречи раз в месяц: совместные мероприятия, консультации психолога.",
    factor: 9,
    responsible: [VR, PSY],
    indicatorName: "Количество встреч родительского клуба",
    indicatorUnit: "встреч",
    baseline: 0,
    target: 8,
  },
  {
    title: "Проведение педагогического совета «Учебная мотивация: от диагностики к действиям»",
    description: "Педсовет по итогам анкетирования обучающихся, план действий по классам.",
    factor: 10,
    responsible: [DIR, UVR],
    indicatorName: "Решение педсовета принято и включено в план",
    indicatorUnit: "да/нет",
    baseline: 0,
    target: 1,
  },
  {
    title: "Организация внеурочной деятельности и кружков по интересам обучающихся",
    description: "Кружки на базе центра «Точка роста», проектная и исследовательская деятельность.",
    factor: 10,
    responsible: [VR],
    indicatorName: "Доля обучающихся, занятых во внеурочной деятельности",
    indicatorUnit: "%",
    baseline: 40,
    target: 85,
  },
  {
    title: "Анкетирование обучающихся по оценке школьного климата",
    description: "Повторное анкетирование для сравнения с результатами стартовой диагностики.",
    factor: 8,
    responsible: [PSY, CLASS],
    indicatorName: "Доля обучающихся, чувствующих себя в школе в безопасности",
    indicatorUnit: "%",
    baseline: 62,
    target: 85,
  },
  {
    title: "Обновление материально-технической базы кабинетов",
    description: "Закупка оборудования для кабинетов физики, химии и информатики.",
    factor: 1,
    responsible: [DIR],
    indicatorName: "Доля кабинетов, оснащённых по стандарту",
    indicatorUnit: "%",
    baseline: 30,
    target: 70,
  },
  {
    title: "Привлечение молодых специалистов (программа «Земский учитель»)",
    description: "Заявка на вакансии в программу «Земский учитель», договоры с педагогическим колледжем.",
    factor: 2,
    responsible: [DIR],
    indicatorName: "Количество закрытых вакансий",
    indicatorUnit: "вакансий",
    baseline: 0,
    target: 2,
  },
  {
    title: "Введение дифференцированных заданий на уроках математики и русского языка",
    description: "Банк разноуровневых заданий, использование в 5–9 классах.",
    factor: 4,
    responsible: [RMO, "Учителя-предметники"],
    indicatorName: "Доля уроков с дифференцированными заданиями",
    indicatorUnit: "%",
    baseline: 20,
    target: 60,
  },
  {
    title: "Организация поддержки обучающихся, для которых русский язык не родной",
    description: "Дополнительные занятия по русскому языку как неродному, адаптационные мероприятия.",
    factor: 7,
    responsible: [UVR],
    indicatorName: "Доля таких обучающихся, охваченных дополнительными занятиями",
    indicatorUnit: "%",
    baseline: 10,
    target: 100,
  },
];

/** Templates for a school's chosen factors first, then the rest: a roadmap works on its chosen risks. */
export function templatesFor(chosenFactors: readonly number[]): MeasureTemplate[] {
  const first = MEASURE_TEMPLATES.filter((t) => chosenFactors.includes(t.factor));
  const rest = MEASURE_TEMPLATES.filter((t) => !chosenFactors.includes(t.factor));
  return [...first, ...rest];
}

/** Reasons a measure gets cancelled. */
export const CANCEL_REASONS = [
  "Мероприятие объединено с районным семинаром, проведённым Комитетом образования.",
  "Курсы перенесены региональным ЦНППМ на следующий учебный год.",
  "Поставка оборудования отменена поставщиком; средства перераспределены.",
];
