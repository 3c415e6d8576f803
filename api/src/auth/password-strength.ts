// Refuses weak passwords (issue 16.10) with zxcvbn-ts: its common-password and English dictionaries, plus a
// small Russian list (common Russian passwords in Cyrillic, in transliteration and typed on a Latin layout),
// the person's own name and e-mail, and the Russian keyboard mapped to its Latin keys (so «йцукен» is seen as
// the keyboard row «qwerty»). Feedback is in Russian.
import { ZxcvbnFactory, type ZxcvbnResult } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

/** zxcvbn's scale: 3 = "safely unguessable: moderate protection from an offline attack". */
export const MIN_PASSWORD_SCORE = 3;

// Common Russian passwords and words people build passwords from, as typed (Cyrillic), transliterated,
// and typed with the keyboard left on the Latin layout («пароль» → «gfhjkm»).
const RUSSIAN = [
  "пароль",
  "парольпароль",
  "йцукен",
  "йцукенг",
  "йцукенгшщз",
  "фывапролджэ",
  "ячсмить",
  "привет",
  "любовь",
  "люблю",
  "солнышко",
  "солнце",
  "котик",
  "котенок",
  "зайка",
  "зайчик",
  "рыбка",
  "малыш",
  "мама",
  "папа",
  "наташа",
  "саша",
  "маша",
  "даша",
  "катя",
  "настя",
  "таня",
  "оля",
  "лена",
  "ира",
  "марина",
  "светлана",
  "ольга",
  "татьяна",
  "елена",
  "ирина",
  "наталья",
  "александр",
  "алексей",
  "андрей",
  "сергей",
  "дмитрий",
  "владимир",
  "москва",
  "россия",
  "спартак",
  "зенит",
  "цска",
  "школа",
  "учитель",
  "директор",
  "ученик",
  "класс",
  "образование",
  "мэдк",
  "администратор",
  "пользователь",
  "секрет",
  "доступ",
  "вход",
  "компьютер",
  "интернет",
  "кураторы",
  "куратор",
  "координатор",
  "parol",
  "parol123",
  "privet",
  "lyubov",
  "lubov",
  "lublu",
  "solnyshko",
  "solnce",
  "kotik",
  "zaika",
  "zaichik",
  "rybka",
  "malysh",
  "mama",
  "papa",
  "natasha",
  "sasha",
  "masha",
  "dasha",
  "katya",
  "nastya",
  "tanya",
  "olya",
  "lena",
  "marina",
  "svetlana",
  "olga",
  "tatiana",
  "tatyana",
  "elena",
  "irina",
  "natalia",
  "natalya",
  "aleksandr",
  "alexandr",
  "alexander",
  "aleksey",
  "alexey",
  "andrey",
  "sergey",
  "dmitriy",
  "dmitry",
  "vladimir",
  "moskva",
  "moscow",
  "rossiya",
  "russia",
  "spartak",
  "zenit",
  "cska",
  "shkola",
  "uchitel",
  "direktor",
  "uchenik",
  "klass",
  "obrazovanie",
  "medk",
  "sekret",
  "dostup",
  "vhod",
  "kompyuter",
  "kurator",
  "koordinator",
  "gfhjkm",
  "ghbdtn",
  "k.,jdm",
  "cjkysirj",
  "rjnbr",
  "pfqrf",
  "vfvf",
  "gfgf",
  "yfnfif",
  "vjcrdf",
  "hjccbz",
  "irjkf",
  "ltyb",
  "ytdthysq",
  "gfhjkmgfhjkm",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
];

// The Russian ЙЦУКЕН layout key by key onto the Latin QWERTY one.
const RU = "йцукенгшщзхъфывапролджэячсмитьбю";
const LAT = "qwertyuiop[]asdfghjkl;'zxcvbnm,.";
const toLatinKeys = (s: string) => [...s.toLowerCase()].map((c) => (RU.includes(c) ? LAT[RU.indexOf(c)] : c === "ё" ? "`" : c)).join("");

const TRANSLIT: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "sch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};
const translit = (s: string) => [...s.toLowerCase()].map((c) => TRANSLIT[c] ?? c).join("");

const RU_TRANSLATIONS = {
  warnings: {
    straightRow: "ряд клавиш подряд легко угадать",
    keyPattern: "короткие узоры на клавиатуре легко угадать",
    simpleRepeat: "повторы вроде «ааа» легко угадать",
    extendedRepeat: "повторы вроде «абвабвабв» легко угадать",
    sequences: "последовательности вроде «abc» или «123» легко угадать",
    recentYears: "недавние годы легко угадать",
    dates: "даты легко угадать",
    topTen: "это один из самых распространённых паролей",
    topHundred: "это очень распространённый пароль",
    common: "это распространённый пароль",
    similarToCommon: "он похож на распространённый пароль",
    wordByItself: "отдельное слово легко угадать",
    namesByThemselves: "имя или фамилию легко угадать",
    commonNames: "распространённые имена и фамилии легко угадать",
    userInputs: "в нём не должно быть вашего имени или e-mail",
    pwned: "этот пароль уже утекал в интернете",
  },
  suggestions: {
    l33t: "Не заменяйте буквы похожими символами вроде «@» вместо «a».",
    reverseWords: "Не пишите слова задом наперёд.",
    allUppercase: "Сделайте заглавными некоторые, но не все буквы.",
    capitalization: "Сделайте заглавной не только первую букву.",
    dates: "Не используйте даты и годы, связанные с вами.",
    recentYears: "Не используйте недавние годы.",
    associatedYears: "Не используйте годы, связанные с вами.",
    sequences: "Не используйте последовательности символов.",
    repeated: "Не повторяйте слова и символы.",
    longerKeyboardPattern: "Не набирайте пароль рядом стоящими клавишами.",
    anotherWord: "Добавьте ещё несколько редких слов.",
    useWords: "Возьмите несколько случайных слов, но не известную фразу.",
    noNeed: "Надёжный пароль можно составить и без символов, цифр и заглавных букв.",
    pwned: "Если вы используете этот пароль где-то ещё, смените его.",
  },
  timeEstimation: {
    ltSecond: "меньше секунды",
    second: "{base} секунда",
    seconds: "{base} секунд",
    minute: "{base} минута",
    minutes: "{base} минут",
    hour: "{base} час",
    hours: "{base} часов",
    day: "{base} день",
    days: "{base} дней",
    month: "{base} месяц",
    months: "{base} месяцев",
    year: "{base} год",
    years: "{base} лет",
    centuries: "столетия",
  },
};

let factory: ZxcvbnFactory | undefined;
const zxcvbn = () =>
  (factory ??= new ZxcvbnFactory({
    translations: RU_TRANSLATIONS,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, "ru-common": RUSSIAN },
    // Levenshtein matching costs about a second per password on this hardware: an event-loop stall that a
    // public mutation (acceptInvitation) must not offer. The dictionaries and the Latin-layout pass catch the rest.
  }));

/** The words of a person's name and e-mail, as typed, transliterated and on the Latin layout. */
export function personalInputs(person: { email?: string | null; fullName?: string | null }): string[] {
  const words = new Set<string>();
  const add = (w: string) => {
    const v = w.trim().toLowerCase();
    if (v.length < 3) return;
    words.add(v);
    words.add(translit(v));
    words.add(toLatinKeys(v));
  };
  if (person.email) {
    add(person.email);
    for (const part of person.email.split(/[@._+-]/)) add(part);
  }
  for (const part of (person.fullName ?? "").split(/[\s.-]+/)) add(part);
  return [...words];
}

export interface StrengthVerdict {
  ok: boolean;
  score: number;
  /** A Russian sentence for the person when the password is refused. */
  message: string | null;
}

/**
 * Judges a new password. Bounded: only the first 100 characters are analysed (zxcvbn's own advice; longer
 * passwords are not weaker for it). The weaker of the password as typed and as keys on the Latin layout counts.
 */
export function checkPasswordStrength(password: string, person: { email?: string | null; fullName?: string | null } = {}): StrengthVerdict {
  const inputs = personalInputs(person);
  const head = password.slice(0, 100);
  const results: ZxcvbnResult[] = [zxcvbn().check(head, inputs)];
  const latin = toLatinKeys(head);
  if (latin !== head.toLowerCase()) results.push(zxcvbn().check(latin, inputs));
  const worst = results.reduce((a, b) => (b.score < a.score ? b : a));
  if (worst.score >= MIN_PASSWORD_SCORE) return { ok: true, score: worst.score, message: null };
  const why = worst.feedback.warning ? `: ${worst.feedback.warning}` : "";
  const hint = worst.feedback.suggestions[0] ?? RU_TRANSLATIONS.suggestions.useWords;
  return {
    ok: false,
    score: worst.score,
    message: `Слишком простой пароль${why}. ${hint} Например, три-четыре случайных слова через дефис.`,
  };
}
