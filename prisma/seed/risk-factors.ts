// Reference data: the risk factors of the diagnostics and the rules that turn questionnaire answers
// into a factor's significance. Both are stored per programme year because the lists change between
// years; the rules themselves are not public, so these are plausible defaults a federal coordinator edits.

export interface RiskFactorRef {
  number: number;
  title: string;
  description: string;
}

/** The list in use since 2021. */
export const RISK_FACTORS: readonly RiskFactorRef[] = [
  {
    number: 1,
    title: "Низкий уровень оснащения школы",
    description: "Недостаток учебного оборудования, цифровой инфраструктуры и учебных пространств.",
  },
  {
    number: 2,
    title: "Дефицит педагогических кадров",
    description: "Вакансии, совмещение предметов непрофильными педагогами, высокая нагрузка.",
  },
  {
    number: 3,
    title: "Недостаточная предметная и методическая компетентность педагогических работников",
    description: "Пробелы в предметной подготовке и владении современными методиками обучения.",
  },
  {
    number: 4,
    title: "Риски низкой адаптивности учебного процесса",
    description: "Обучение не учитывает индивидуальные особенности и темп учащихся.",
  },
  {
    number: 5,
    title: "Несформированность внутришкольной системы повышения квалификации",
    description: "Нет наставничества, взаимопосещений и планомерного профессионального развития.",
  },
  {
    number: 6,
    title: "Высокая доля обучающихся с рисками учебной неуспешности",
    description: "Много учащихся с устойчивыми затруднениями в освоении программ.",
  },
  {
    number: 7,
    title: "Низкое качество преодоления языковых и культурных барьеров",
    description: "Учащиеся, для которых русский язык не родной, не получают нужной поддержки.",
  },
  {
    number: 8,
    title: "Пониженный уровень качества школьной образовательной и воспитательной среды",
    description: "Неблагоприятный школьный климат, конфликты, низкая безопасность среды.",
  },
  {
    number: 9,
    title: "Низкий уровень вовлеченности родителей",
    description: "Родители редко участвуют в жизни школы и в учёбе детей.",
  },
  {
    number: 10,
    title: "Низкая учебная мотивация обучающихся",
    description: "Учащиеся не видят смысла в учёбе, пропускают занятия, не ставят учебных целей.",
  },
];

/** The factors of a programme year. Every year seeded so far uses the same list. */
export function riskFactorsFor(_year: number): readonly RiskFactorRef[] {
  return RISK_FACTORS;
}

export interface SignificanceRuleRef {
  factor: number;
  indicatorCode: string;
  indicatorTitle: string;
  /** Question codes: РУК — руководитель, УЧ — учитель, ОБУЧ — обучающийся, РОД — родитель. */
  questionCodes: string[];
  /** Shares 0..1; a higher value means a stronger risk. */
  highFrom: number;
  mediumFrom: number;
}

export const SIGNIFICANCE_RULES: readonly SignificanceRuleRef[] = [
  {
    factor: 1,
    indicatorCode: "F01_EQUIPMENT",
    indicatorTitle: "Доля неудовлетворённых потребностей в оборудовании",
    questionCodes: ["РУК-11", "РУК-12", "УЧ-31"],
    highFrom: 0.5,
    mediumFrom: 0.3,
  },
  {
    factor: 1,
    indicatorCode: "F01_DIGITAL",
    indicatorTitle: "Доля учителей без доступа к цифровым ресурсам на уроке",
    questionCodes: ["УЧ-32", "УЧ-33"],
    highFrom: 0.4,
    mediumFrom: 0.2,
  },
  {
    factor: 2,
    indicatorCode: "F02_VACANCIES",
    indicatorTitle: "Доля предметов, которые ведут непрофильные педагоги",
    questionCodes: ["РУК-04", "РУК-05"],
    highFrom: 0.3,
    mediumFrom: 0.15,
  },
  {
    factor: 3,
    indicatorCode: "F03_SUBJECT",
    indicatorTitle: "Доля учителей, испытывающих затруднения в предметной подготовке",
    questionCodes: ["УЧ-14", "УЧ-15", "УЧ-16"],
    highFrom: 0.4,
    mediumFrom: 0.2,
  },
  {
    factor: 3,
    indicatorCode: "F03_METHODS",
    indicatorTitle: "Доля учителей, не применяющих современные методики",
    questionCodes: ["УЧ-17", "РУК-21"],
    highFrom: 0.45,
    mediumFrom: 0.25,
  },
  {
    factor: 4,
    indicatorCode: "F04_DIFFERENTIATION",
    indicatorTitle: "Доля уроков без дифференцированных заданий",
    questionCodes: ["УЧ-22", "ОБУЧ-09"],
    highFrom: 0.6,
    mediumFrom: 0.35,
  },
  {
    factor: 5,
    indicatorCode: "F05_PD_SYSTEM",
    indicatorTitle: "Доля педагогов без наставника и взаимопосещений",
    questionCodes: ["УЧ-25", "УЧ-26", "РУК-23"],
    highFrom: 0.5,
    mediumFrom: 0.3,
  },
  {
    factor: 6,
    indicatorCode: "F06_UNDERACHIEVERS",
    indicatorTitle: "Доля обучающихся с отметкой «2» по итогам ВПР",
    questionCodes: ["РУК-31", "УЧ-40"],
    highFrom: 0.25,
    mediumFrom: 0.12,
  },
  {
    factor: 7,
    indicatorCode: "F07_LANGUAGE",
    indicatorTitle: "Доля обучающихся, для которых русский язык не родной, без поддержки",
    questionCodes: ["РУК-33", "ОБУЧ-02"],
    highFrom: 0.15,
    mediumFrom: 0.05,
  },
  {
    factor: 8,
    indicatorCode: "F08_CLIMATE",
    indicatorTitle: "Доля обучающихся, не чувствующих себя в школе в безопасности",
    questionCodes: ["ОБУЧ-14", "ОБУЧ-15", "РОД-06"],
    highFrom: 0.3,
    mediumFrom: 0.15,
  },
  {
    factor: 9,
    indicatorCode: "F09_PARENTS",
    indicatorTitle: "Доля родителей, не посещающих школьные мероприятия",
    questionCodes: ["РОД-02", "РОД-03", "УЧ-44"],
    highFrom: 0.5,
    mediumFrom: 0.3,
  },
  {
    factor: 10,
    indicatorCode: "F10_MOTIVATION",
    indicatorTitle: "Доля обучающихся с низкой учебной мотивацией",
    questionCodes: ["ОБУЧ-20", "ОБУЧ-21", "УЧ-45"],
    highFrom: 0.4,
    mediumFrom: 0.2,
  },
  {
    factor: 10,
    indicatorCode: "F10_ABSENCE",
    indicatorTitle: "Доля обучающихся, пропускающих уроки без уважительной причины",
    questionCodes: ["ОБУЧ-23", "РОД-08"],
    highFrom: 0.2,
    mediumFrom: 0.1,
  },
];

export type SignificanceLevel = "HIGH" | "MEDIUM" | "LOW";

export function significanceOf(value: number, rule: Pick<SignificanceRuleRef, "highFrom" | "mediumFrom">): SignificanceLevel {
  if (value >= rule.highFrom) return "HIGH";
  if (value >= rule.mediumFrom) return "MEDIUM";
  return "LOW";
}

export const SIGNIFICANCE_RU: Record<SignificanceLevel, string> = {
  HIGH: "высокая",
  MEDIUM: "средняя",
  LOW: "низкая",
};

const LEVEL_ORDER: Record<SignificanceLevel, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };

const share = (v: number) => v.toFixed(2).replace(".", ",");

/**
 * A factor's significance from its indicators' values (the strongest rule wins), with the explanation
 * users see: each indicator's value against its thresholds.
 */
export function assessFactor(rules: readonly SignificanceRuleRef[], values: readonly number[]): { significance: SignificanceLevel; explanation: string } {
  let significance: SignificanceLevel = "LOW";
  const lines = rules.map((rule, i) => {
    const v = values[i] ?? 0;
    const level = significanceOf(v, rule);
    if (LEVEL_ORDER[level] > LEVEL_ORDER[significance]) significance = level;
    return (
      `«${rule.indicatorTitle}» = ${share(v)}; пороги: высокая от ${share(rule.highFrom)}, ` +
      `средняя от ${share(rule.mediumFrom)} → ${SIGNIFICANCE_RU[level]}. Вопросы анкет: ${rule.questionCodes.join(", ")}.`
    );
  });
  const head = rules.length > 1 ? `Значимость ${SIGNIFICANCE_RU[significance]} — по наибольшему из показателей.\n` : "";
  return { significance, explanation: head + lines.join("\n") };
}
