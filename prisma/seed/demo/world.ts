// The demo territory: real places and school names, two regions, three municipalities in each.
// Keys ("undino", "baley14") are how the other demo modules refer to these rows.

export const CURRENT_YEAR = 2026;
export const PAST_YEARS = [2021, 2022, 2023] as const;

export interface DemoParticipation {
  year: number;
  /** The regional decree naming the participants; `{date}` becomes a date relative to "now". */
  decree: string | null;
  status?: "PARTICIPATING" | "LEFT_LOW_RESULTS" | "WITHDRAWN";
  /** A region's programme (its short name); none: the federal «500+». */
  programme?: string;
}

/** The region's twin of «500+»: Рязанская область runs «62+» (README), with its own 2026 year. */
export const REGIONAL_PROGRAMME = {
  shortName: "62+",
  regionCode: 62,
  name: "Региональный проект адресной методической помощи школам Рязанской области с низкими образовательными результатами «62+»",
  description: "Проект министерства образования Рязанской области: те же документы, дорожные карты и проверка кураторами, что и в «500+», для школ, которые регион поддерживает сам.",
} as const;

export interface DemoSchool {
  key: string;
  shortName: string;
  fullName: string;
  address: string;
  canHostCurators?: boolean;
  participations: DemoParticipation[];
}

export interface DemoMunicipality {
  key: string;
  regionCode: number;
  name: string;
  schools: DemoSchool[];
}

const MKOU = "Муниципальное казённое общеобразовательное учреждение";
const MOU = "Муниципальное общеобразовательное учреждение";
const MBOU = "Муниципальное бюджетное общеобразовательное учреждение";
const SOSH = "средняя общеобразовательная школа";
const OOSH = "основная общеобразовательная школа";

const ZAB_2022 = "приказ Министерства образования, науки и молодёжной политики Забайкальского края от 17.12.2021 № 1186";
const ZAB_NOW = "приказ Министерства образования, науки и молодёжной политики Забайкальского края от {date} № 1243";
const RYAZ_NOW = "приказ министерства образования Рязанской области от {date} № 1519";

const zab = (decree = ZAB_NOW): DemoParticipation => ({ year: CURRENT_YEAR, decree });
const ryaz = (): DemoParticipation => ({ year: CURRENT_YEAR, decree: RYAZ_NOW });
const RYAZ_62 = "приказ министерства образования Рязанской области от {date} № 1520 «Об участниках проекта «62+»»";
const ryaz62 = (): DemoParticipation => ({ year: CURRENT_YEAR, decree: RYAZ_62, programme: REGIONAL_PROGRAMME.shortName });

export const DEMO_MUNICIPALITIES: readonly DemoMunicipality[] = [
  {
    key: "baley",
    regionCode: 75,
    name: "Балейский район",
    schools: [
      {
        key: "baley14",
        shortName: "МКОУ «СОШ № 14» г. Балей",
        fullName: `${MKOU} «Средняя общеобразовательная школа № 14» г. Балей`,
        address: "673450, Забайкальский край, г. Балей",
        canHostCurators: true,
        // A 2021 participant that left the low-results list and now hosts the curators.
        participations: [{ year: 2021, decree: null, status: "LEFT_LOW_RESULTS" }],
      },
      {
        key: "undino",
        shortName: "МКОУ «Ундино-Посельская СОШ»",
        fullName: `${MKOU} «Ундино-Посельская ${SOSH}»`,
        address: "Забайкальский край, Балейский район, с. Ундино-Поселье",
        participations: [{ year: 2022, decree: ZAB_2022 }, zab()],
      },
      {
        key: "zhidka",
        shortName: "МКОУ «Жидкинская ООШ»",
        fullName: `${MKOU} «Жидкинская ${OOSH}»`,
        address: "Забайкальский край, Балейский район, с. Жидка",
        participations: [{ year: 2022, decree: ZAB_2022 }, zab()],
      },
      {
        key: "nizhgir",
        shortName: "МКОУ «Нижнегирюнинская СОШ»",
        fullName: `${MKOU} «Нижнегирюнинская ${SOSH}»`,
        address: "Забайкальский край, Балейский район, с. Нижний Гирюнин",
        participations: [],
      },
    ],
  },
  {
    key: "shilka",
    regionCode: 75,
    name: "Шилкинский район",
    schools: [
      {
        key: "shilka1",
        shortName: "МОУ «СОШ № 1» г. Шилка",
        fullName: `${MOU} «Средняя общеобразовательная школа № 1» г. Шилка`,
        address: "Забайкальский край, г. Шилка",
        canHostCurators: true,
        participations: [],
      },
      {
        key: "mirsanovo",
        shortName: "МОУ «Мирсановская СОШ»",
        fullName: `${MOU} «Мирсановская ${SOSH}»`,
        address: "Забайкальский край, Шилкинский район, с. Мирсаново",
        participations: [zab()],
      },
      {
        key: "galkino",
        shortName: "МОУ «Галкинская СОШ»",
        fullName: `${MOU} «Галкинская ${SOSH}»`,
        address: "Забайкальский край, Шилкинский район, с. Галкино",
        participations: [zab()],
      },
      {
        key: "kazanovo",
        shortName: "МОУ «Казановская ООШ»",
        fullName: `${MOU} «Казановская ${OOSH}»`,
        address: "Забайкальский край, Шилкинский район, с. Казаново",
        participations: [zab()],
      },
    ],
  },
  {
    key: "nerchinsk",
    regionCode: 75,
    name: "Нерчинский район",
    schools: [
      {
        key: "nerch1",
        shortName: "МОУ «СОШ № 1» г. Нерчинск",
        fullName: `${MOU} «Средняя общеобразовательная школа № 1» г. Нерчинск`,
        address: "Забайкальский край, г. Нерчинск",
        canHostCurators: true,
        participations: [],
      },
      {
        key: "znamenka",
        shortName: "МОУ «Знаменская СОШ»",
        fullName: `${MOU} «Знаменская ${SOSH}»`,
        address: "Забайкальский край, Нерчинский район, с. Знаменка",
        participations: [zab()],
      },
      {
        key: "zyulzya",
        shortName: "МОУ «Зюльзинская СОШ»",
        fullName: `${MOU} «Зюльзинская ${SOSH}»`,
        address: "Забайкальский край, Нерчинский район, с. Зюльзя",
        participations: [zab()],
      },
    ],
  },
  {
    key: "kasimov",
    regionCode: 62,
    name: "Касимовский район",
    schools: [
      {
        key: "gus",
        shortName: "МБОУ «Гусевская СОШ»",
        fullName: `${MBOU} «Гусевская ${SOSH}»`,
        address: "Рязанская область, Касимовский район, р. п. Гусь-Железный",
        canHostCurators: true,
        participations: [],
      },
      {
        key: "lashma",
        shortName: "МБОУ «Лашманская СОШ»",
        fullName: `${MBOU} «Лашманская ${SOSH}»`,
        address: "Рязанская область, Касимовский район, с. Лашма",
        participations: [ryaz()],
      },
      {
        key: "syntul",
        shortName: "МБОУ «Сынтульская СОШ»",
        fullName: `${MBOU} «Сынтульская ${SOSH}»`,
        address: "Рязанская область, Касимовский район, р. п. Сынтул",
        participations: [ryaz62()],
      },
    ],
  },
  {
    key: "sasovo",
    regionCode: 62,
    name: "Сасовский район",
    schools: [
      {
        key: "kustarevka",
        shortName: "МБОУ «Кустарёвская СОШ»",
        fullName: `${MBOU} «Кустарёвская ${SOSH}»`,
        address: "Рязанская область, Сасовский район, р. п. Кустарёвка",
        canHostCurators: true,
        participations: [],
      },
      {
        key: "demushkino",
        shortName: "МБОУ «Демушкинская СОШ»",
        fullName: `${MBOU} «Демушкинская ${SOSH}»`,
        address: "Рязанская область, Сасовский район, с. Демушкино",
        participations: [ryaz()],
      },
      {
        key: "batki",
        shortName: "МБОУ «Батьковская ООШ»",
        fullName: `${MBOU} «Батьковская ${OOSH}»`,
        address: "Рязанская область, Сасовский район, с. Батьки",
        participations: [ryaz62()],
      },
    ],
  },
  {
    key: "shilovo",
    regionCode: 62,
    name: "Шиловский район",
    schools: [
      {
        key: "shilovo1",
        shortName: "МБОУ «Шиловская СОШ № 1»",
        fullName: `${MBOU} «Шиловская ${SOSH} № 1»`,
        address: "Рязанская область, р. п. Шилово",
        canHostCurators: true,
        participations: [],
      },
      {
        key: "erakhtur",
        shortName: "МБОУ «Ерахтурская СОШ»",
        fullName: `${MBOU} «Ерахтурская ${SOSH}»`,
        address: "Рязанская область, Шиловский район, с. Ерахтур",
        participations: [ryaz()],
      },
      {
        key: "inyakino",
        shortName: "МБОУ «Инякинская ООШ»",
        fullName: `${MBOU} «Инякинская ${OOSH}»`,
        address: "Рязанская область, Шиловский район, с. Инякино",
        participations: [ryaz62()],
      },
    ],
  },
];

export const DEMO_SCHOOLS: readonly (DemoSchool & { municipality: string })[] = DEMO_MUNICIPALITIES.flatMap((m) => m.schools.map((s) => ({ ...s, municipality: m.key })));

/** Participations of the current year, in a stable order (used to vary statuses between schools). */
export const CURRENT_PARTICIPANTS: readonly string[] = DEMO_SCHOOLS.filter((s) => s.participations.some((p) => p.year === CURRENT_YEAR)).map((s) => s.key);

export const participationKey = (schoolKey: string, year: number) => `${schoolKey}:${year}`;

/** The programme of a school's participation in `year`: a region's short name, or null for «500+». */
export const programmeOf = (schoolKey: string, year: number): string | null => DEMO_SCHOOLS.find((s) => s.key === schoolKey)?.participations.find((p) => p.year === year)?.programme ?? null;
