// The demo accounts: fictional people. The first eight (and their emails, roles and scopes) are the public
// contract of /API.md; the rest give every role neighbours it must not see.
import type { Role } from "../../generated/client/client.ts";

export const DEMO_PASSWORD = "demo-password";

export interface DemoPerson {
  email: string;
  role: Role;
  description: string;
  fullName: string;
  position: string;
  /** The role's scope: a region code, a municipality key or a school key (see world.ts). */
  scope?: { region: number } | { municipality: string } | { school: string };
  /** The school the person works at (a curator's own school, a school's staff). */
  organisation?: string;
  /** Schools a curator is assigned to, for every participation of theirs. */
  curates?: string[];
}

const person = (p: DemoPerson) => p;

const school = (key: string, email: string, fullName: string, shortName: string) =>
  person({
    email,
    role: "SCHOOL",
    description: `Школа: ${shortName}`,
    fullName,
    position: `Директор ${shortName}`,
    scope: { school: key },
    organisation: key,
  });

const municipal = (key: string, email: string, fullName: string, name: string) =>
  person({
    email,
    role: "MUNICIPAL_COORDINATOR",
    description: `Муниципальный координатор: ${name}`,
    fullName,
    position: "Муниципальный координатор проекта, органы управления образованием",
    scope: { municipality: key },
  });

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  // ── the public contract (API.md) ──
  {
    email: "fioco@demo.medk.ru",
    role: "FEDERAL_COORDINATOR",
    description: "Федеральный координатор (ФИОКО): видит всё",
    fullName: "Соколова Марина Викторовна",
    position: "Руководитель проектного офиса «500+», ФГБУ «ФИОКО»",
  },
  {
    email: "region75@demo.medk.ru",
    role: "REGIONAL_COORDINATOR",
    description: "Региональный координатор: Забайкальский край (75)",
    fullName: "Баженова Ольга Сергеевна",
    position: "Региональный координатор, Министерство образования, науки и молодёжной политики Забайкальского края",
    scope: { region: 75 },
  },
  {
    email: "region62@demo.medk.ru",
    role: "REGIONAL_COORDINATOR",
    description: "Региональный координатор: Рязанская область (62), проект «62+»",
    fullName: "Гусев Андрей Павлович",
    position: "Региональный координатор проекта «62+», министерство образования Рязанской области",
    scope: { region: 62 },
  },
  {
    email: "baley@demo.medk.ru",
    role: "MUNICIPAL_COORDINATOR",
    description: "Муниципальный координатор: Балейский район (Забайкальский край)",
    fullName: "Чернова Галина Петровна",
    position: "Начальник отдела общего образования и воспитания Комитета образования, муниципальный координатор",
    scope: { municipality: "baley" },
  },
  {
    email: "curator1@demo.medk.ru",
    role: "CURATOR",
    description: "Куратор МКОУ «Ундино-Посельская СОШ» (своя школа: МКОУ «СОШ № 14» г. Балей)",
    fullName: "Белова Татьяна Николаевна",
    position: "Директор МКОУ «СОШ № 14» г. Балей",
    organisation: "baley14",
    curates: ["undino"],
  },
  {
    email: "curator2@demo.medk.ru",
    role: "CURATOR",
    description: "Куратор МКОУ «Жидкинская ООШ» (своя школа: МКОУ «СОШ № 14» г. Балей)",
    fullName: "Орлова Ксения Владимировна",
    position: "Заместитель директора по УВР МКОУ «СОШ № 14» г. Балей",
    organisation: "baley14",
    curates: ["zhidka"],
  },
  school("undino", "school.undino@demo.medk.ru", "Васильева Елена Михайловна", "МКОУ «Ундино-Посельская СОШ»"),
  school("zhidka", "school.zhidka@demo.medk.ru", "Попов Николай Иванович", "МКОУ «Жидкинская ООШ»"),

  // ── neighbours ──
  {
    email: "observer@demo.medk.ru",
    role: "OBSERVER",
    description: "Наблюдатель (только чтение): Забайкальский край",
    fullName: "Лебедева Анна Игоревна",
    position: "Методист, Институт развития образования Забайкальского края",
    scope: { region: 75 },
  },
  municipal("shilka", "shilka@demo.medk.ru", "Ковалёв Дмитрий Андреевич", "Шилкинский район"),
  municipal("nerchinsk", "nerchinsk@demo.medk.ru", "Фёдорова Наталья Викторовна", "Нерчинский район"),
  municipal("kasimov", "kasimov@demo.medk.ru", "Шмелёва Елена Николаевна", "Касимовский район"),
  municipal("sasovo", "sasovo@demo.medk.ru", "Егоров Павел Сергеевич", "Сасовский район"),
  municipal("shilovo", "shilovo@demo.medk.ru", "Никитина Светлана Юрьевна", "Шиловский район"),
  {
    email: "curator3@demo.medk.ru",
    role: "CURATOR",
    description: "Куратор МОУ «Мирсановская СОШ» и МОУ «Галкинская СОШ» (Шилкинский район)",
    fullName: "Романов Сергей Викторович",
    position: "Директор МОУ «СОШ № 1» г. Шилка",
    organisation: "shilka1",
    curates: ["mirsanovo", "galkino"],
  },
  {
    email: "curator4@demo.medk.ru",
    role: "CURATOR",
    description: "Куратор МОУ «Казановская ООШ» (Шилкинский район)",
    fullName: "Зайцева Людмила Олеговна",
    position: "Заместитель директора по УВР МОУ «СОШ № 1» г. Шилка",
    organisation: "shilka1",
    curates: ["kazanovo"],
  },
  {
    email: "curator5@demo.medk.ru",
    role: "CURATOR",
    description: "Куратор МОУ «Знаменская СОШ» и МОУ «Зюльзинская СОШ» (Нерчинский район)",
    fullName: "Морозова Юлия Александровна",
    position: "Директор МОУ «СОШ № 1» г. Нерчинск",
    organisation: "nerch1",
    curates: ["znamenka", "zyulzya"],
  },
  {
    email: "curator6@demo.medk.ru",
    role: "CURATOR",
    description: "Куратор МБОУ «Лашманская СОШ» и МБОУ «Сынтульская СОШ» (Касимовский район)",
    fullName: "Тихонов Алексей Михайлович",
    position: "Директор МБОУ «Гусевская СОШ»",
    organisation: "gus",
    curates: ["lashma", "syntul"],
  },
  {
    email: "curator7@demo.medk.ru",
    role: "CURATOR",
    description: "Куратор МБОУ «Демушкинская СОШ» и МБОУ «Батьковская ООШ» (Сасовский район)",
    fullName: "Полякова Вера Ивановна",
    position: "Директор МБОУ «Кустарёвская СОШ»",
    organisation: "kustarevka",
    curates: ["demushkino", "batki"],
  },
  {
    email: "curator8@demo.medk.ru",
    role: "CURATOR",
    description: "Куратор МБОУ «Ерахтурская СОШ» и МБОУ «Инякинская ООШ» (Шиловский район)",
    fullName: "Киселёв Игорь Владимирович",
    position: "Заместитель директора по УВР МБОУ «Шиловская СОШ № 1»",
    organisation: "shilovo1",
    curates: ["erakhtur", "inyakino"],
  },
  school("mirsanovo", "school.mirsanovo@demo.medk.ru", "Кузнецова Ольга Александровна", "МОУ «Мирсановская СОШ»"),
  school("galkino", "school.galkino@demo.medk.ru", "Степанов Виктор Геннадьевич", "МОУ «Галкинская СОШ»"),
  school("kazanovo", "school.kazanovo@demo.medk.ru", "Белоусова Марина Алексеевна", "МОУ «Казановская ООШ»"),
  school("znamenka", "school.znamenka@demo.medk.ru", "Григорьева Людмила Ивановна", "МОУ «Знаменская СОШ»"),
  school("zyulzya", "school.zyulzya@demo.medk.ru", "Андреев Константин Юрьевич", "МОУ «Зюльзинская СОШ»"),
  school("lashma", "school.lashma@demo.medk.ru", "Сорокина Надежда Павловна", "МБОУ «Лашманская СОШ»"),
  school("syntul", "school.syntul@demo.medk.ru", "Макаров Денис Олегович", "МБОУ «Сынтульская СОШ»"),
  school("demushkino", "school.demushkino@demo.medk.ru", "Волкова Ирина Сергеевна", "МБОУ «Демушкинская СОШ»"),
  school("batki", "school.batki@demo.medk.ru", "Ершова Татьяна Викторовна", "МБОУ «Батьковская ООШ»"),
  school("erakhtur", "school.erakhtur@demo.medk.ru", "Фролов Михаил Андреевич", "МБОУ «Ерахтурская СОШ»"),
  school("inyakino", "school.inyakino@demo.medk.ru", "Яковлева Анастасия Петровна", "МБОУ «Инякинская ООШ»"),
];

/** Every demo account (all share the password {@link DEMO_PASSWORD}), for tests and the README. */
export const DEMO_ACCOUNTS: readonly { email: string; role: Role; description: string }[] = DEMO_PEOPLE.map(({ email, role, description }) => ({ email, role, description }));

export const personByEmail = (email: string): DemoPerson => {
  const p = DEMO_PEOPLE.find((x) => x.email === email);
  if (!p) throw new Error(`no demo person ${email}`);
  return p;
};

/** The curator of a school (the first one assigned), and its school account. */
export const curatorOf = (schoolKey: string): DemoPerson => {
  const p = DEMO_PEOPLE.find((x) => x.curates?.includes(schoolKey));
  if (!p) throw new Error(`no curator for ${schoolKey}`);
  return p;
};

export const schoolAccountOf = (schoolKey: string): DemoPerson => {
  const p = DEMO_PEOPLE.find((x) => x.role === "SCHOOL" && x.organisation === schoolKey);
  if (!p) throw new Error(`no school account for ${schoolKey}`);
  return p;
};

export const municipalCoordinatorOf = (municipalityKey: string): DemoPerson => {
  const p = DEMO_PEOPLE.find((x) => x.role === "MUNICIPAL_COORDINATOR" && x.scope && "municipality" in x.scope && x.scope.municipality === municipalityKey);
  if (!p) throw new Error(`no municipal coordinator for ${municipalityKey}`);
  return p;
};
