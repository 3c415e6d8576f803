// Reference data: the subjects of the Russian Federation with their two-digit codes (the list used in
// tax and vehicle registration codes, e.g. 75 Забайкальский край, 77 Москва) and the IANA time zone of
// each capital. Deadlines are evaluated in that zone, so the zone matters more than the name.

export interface RegionRef {
  code: number;
  name: string;
  timeZone: string;
  /** Year the subject was admitted, when later than the programme's start (2020). */
  since?: number;
}

const MSK = "Europe/Moscow";
const YEKT = "Asia/Yekaterinburg";

export const REGIONS: readonly RegionRef[] = [
  { code: 1, name: "Республика Адыгея", timeZone: MSK },
  { code: 2, name: "Республика Башкортостан", timeZone: YEKT },
  { code: 3, name: "Республика Бурятия", timeZone: "Asia/Irkutsk" },
  { code: 4, name: "Республика Алтай", timeZone: "Asia/Barnaul" },
  { code: 5, name: "Республика Дагестан", timeZone: MSK },
  { code: 6, name: "Республика Ингушетия", timeZone: MSK },
  { code: 7, name: "Кабардино-Балкарская Республика", timeZone: MSK },
  { code: 8, name: "Республика Калмыкия", timeZone: MSK },
  { code: 9, name: "Карачаево-Черкесская Республика", timeZone: MSK },
  { code: 10, name: "Республика Карелия", timeZone: MSK },
  { code: 11, name: "Республика Коми", timeZone: MSK },
  { code: 12, name: "Республика Марий Эл", timeZone: MSK },
  { code: 13, name: "Республика Мордовия", timeZone: MSK },
  { code: 14, name: "Республика Саха (Якутия)", timeZone: "Asia/Yakutsk" },
  { code: 15, name: "Республика Северная Осетия — Алания", timeZone: MSK },
  { code: 16, name: "Республика Татарстан", timeZone: MSK },
  { code: 17, name: "Республика Тыва", timeZone: "Asia/Krasnoyarsk" },
  { code: 18, name: "Удмуртская Республика", timeZone: "Europe/Samara" },
  { code: 19, name: "Республика Хакасия", timeZone: "Asia/Krasnoyarsk" },
  { code: 20, name: "Чеченская Республика", timeZone: MSK },
  { code: 21, name: "Чувашская Республика", timeZone: MSK },
  { code: 22, name: "Алтайский край", timeZone: "Asia/Barnaul" },
  { code: 23, name: "Краснодарский край", timeZone: MSK },
  { code: 24, name: "Красноярский край", timeZone: "Asia/Krasnoyarsk" },
  { code: 25, name: "Приморский край", timeZone: "Asia/Vladivostok" },
  { code: 26, name: "Ставропольский край", timeZone: MSK },
  { code: 27, name: "Хабаровский край", timeZone: "Asia/Vladivostok" },
  { code: 28, name: "Амурская область", timeZone: "Asia/Yakutsk" },
  { code: 29, name: "Архангельская область", timeZone: MSK },
  { code: 30, name: "Астраханская область", timeZone: "Europe/Astrakhan" },
  { code: 31, name: "Белгородская область", timeZone: MSK },
  { code: 32, name: "Брянская область", timeZone: MSK },
  { code: 33, name: "Владимирская область", timeZone: MSK },
  { code: 34, name: "Волгоградская область", timeZone: "Europe/Volgograd" },
  { code: 35, name: "Вологодская область", timeZone: MSK },
  { code: 36, name: "Воронежская область", timeZone: MSK },
  { code: 37, name: "Ивановская область", timeZone: MSK },
  { code: 38, name: "Иркутская область", timeZone: "Asia/Irkutsk" },
  { code: 39, name: "Калининградская область", timeZone: "Europe/Kaliningrad" },
  { code: 40, name: "Калужская область", timeZone: MSK },
  { code: 41, name: "Камчатский край", timeZone: "Asia/Kamchatka" },
  { code: 42, name: "Кемеровская область — Кузбасс", timeZone: "Asia/Novokuznetsk" },
  { code: 43, name: "Кировская область", timeZone: "Europe/Kirov" },
  { code: 44, name: "Костромская область", timeZone: MSK },
  { code: 45, name: "Курганская область", timeZone: YEKT },
  { code: 46, name: "Курская область", timeZone: MSK },
  { code: 47, name: "Ленинградская область", timeZone: MSK },
  { code: 48, name: "Липецкая область", timeZone: MSK },
  { code: 49, name: "Магаданская область", timeZone: "Asia/Magadan" },
  { code: 50, name: "Московская область", timeZone: MSK },
  { code: 51, name: "Мурманская область", timeZone: MSK },
  { code: 52, name: "Нижегородская область", timeZone: MSK },
  { code: 53, name: "Новгородская область", timeZone: MSK },
  { code: 54, name: "Новосибирская область", timeZone: "Asia/Novosibirsk" },
  { code: 55, name: "Омская область", timeZone: "Asia/Omsk" },
  { code: 56, name: "Оренбургская область", timeZone: YEKT },
  { code: 57, name: "Орловская область", timeZone: MSK },
  { code: 58, name: "Пензенская область", timeZone: MSK },
  { code: 59, name: "Пермский край", timeZone: YEKT },
  { code: 60, name: "Псковская область", timeZone: MSK },
  { code: 61, name: "Ростовская область", timeZone: MSK },
  { code: 62, name: "Рязанская область", timeZone: MSK },
  { code: 63, name: "Самарская область", timeZone: "Europe/Samara" },
  { code: 64, name: "Саратовская область", timeZone: "Europe/Saratov" },
  { code: 65, name: "Сахалинская область", timeZone: "Asia/Sakhalin" },
  { code: 66, name: "Свердловская область", timeZone: YEKT },
  { code: 67, name: "Смоленская область", timeZone: MSK },
  { code: 68, name: "Тамбовская область", timeZone: MSK },
  { code: 69, name: "Тверская область", timeZone: MSK },
  { code: 70, name: "Томская область", timeZone: "Asia/Tomsk" },
  { code: 71, name: "Тульская область", timeZone: MSK },
  { code: 72, name: "Тюменская область", timeZone: YEKT },
  { code: 73, name: "Ульяновская область", timeZone: "Europe/Ulyanovsk" },
  { code: 74, name: "Челябинская область", timeZone: YEKT },
  { code: 75, name: "Забайкальский край", timeZone: "Asia/Chita" },
  { code: 76, name: "Ярославская область", timeZone: MSK },
  { code: 77, name: "Москва", timeZone: MSK },
  { code: 78, name: "Санкт-Петербург", timeZone: MSK },
  { code: 79, name: "Еврейская автономная область", timeZone: "Asia/Vladivostok" },
  { code: 83, name: "Ненецкий автономный округ", timeZone: MSK },
  { code: 86, name: "Ханты-Мансийский автономный округ — Югра", timeZone: YEKT },
  { code: 87, name: "Чукотский автономный округ", timeZone: "Asia/Anadyr" },
  { code: 89, name: "Ямало-Ненецкий автономный округ", timeZone: YEKT },
  { code: 91, name: "Республика Крым", timeZone: "Europe/Simferopol", since: 2014 },
  { code: 92, name: "Севастополь", timeZone: "Europe/Simferopol", since: 2014 },
  // Admitted in 2022; codes as in the tax code list (vehicle codes differ: 80, 81, 85, 84).
  { code: 90, name: "Запорожская область", timeZone: MSK, since: 2022 },
  { code: 93, name: "Донецкая Народная Республика", timeZone: MSK, since: 2022 },
  { code: 94, name: "Луганская Народная Республика", timeZone: MSK, since: 2022 },
  { code: 95, name: "Херсонская область", timeZone: MSK, since: 2022 },
];

/** The subjects that could take part from the programme's first years (2020–2021): 85 of them. */
export const PROGRAMME_REGIONS: readonly RegionRef[] = REGIONS.filter((r) => (r.since ?? 0) < 2020);

export function regionByCode(code: number): RegionRef {
  const r = REGIONS.find((x) => x.code === code);
  if (!r) throw new Error(`unknown region code ${code}`);
  return r;
}
