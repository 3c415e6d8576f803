// File names: how an uploaded file's name is made safe to keep, and how it is sent back in a
// Content-Disposition header (Cyrillic names arrive intact, old clients get an ASCII fallback).

/** The extension of a file name, lower-case and without the dot ("" when there is none). */
export const extensionOf = (name: string) => {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1]!.toLowerCase() : "";
};

const NAME_MAX = 180;

/**
 * Makes an uploaded file's name safe to keep and to send back: only the last path segment (both
 * slash kinds), no control or bidi-override characters, none of the characters Windows forbids, no
 * leading dots, at most 180 characters with the extension kept. Cyrillic stays as it is (NFC).
 * Never empty: an unusable name becomes «документ».
 */
export function sanitizeFileName(raw: string): string {
  let name = (raw ?? "").normalize("NFC");
  name = name.split(/[\\/]/).pop() ?? "";
  name = name
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (name.length > NAME_MAX) {
    const ext = extensionOf(name);
    const keep = ext ? NAME_MAX - ext.length - 1 : NAME_MAX;
    name = ext ? `${name.slice(0, keep).trimEnd()}.${ext}` : name.slice(0, keep).trimEnd();
  }
  return name || "документ";
}

const TRANSLIT: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "yo",
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
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  "«": "",
  "»": "",
  "—": "-",
  "–": "-",
  "№": "N",
};

/** Cyrillic in Latin letters, for the ASCII fallback name of old clients («Концепция» → «Kontseptsiya»). */
function transliterate(s: string): string {
  return [...s]
    .map((c) => {
      const lower = c.toLowerCase();
      const t = TRANSLIT[lower];
      if (t === undefined) return c;
      return c !== lower && t ? t[0]!.toUpperCase() + t.slice(1) : t;
    })
    .join("");
}

/**
 * `Content-Disposition` for a stored file: an ASCII fallback for old clients and the exact UTF-8 name
 * (RFC 6266 / 5987), so «Концепция развития.pdf» arrives with its Cyrillic name.
 */
export function contentDisposition(name: string, inline: boolean): string {
  const safe = sanitizeFileName(name);
  const ext = extensionOf(safe);
  let ascii = transliterate(safe)
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\%;]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!ascii || ascii === `.${ext}` || ascii.replace(/[.\s_-]/g, "") === ext) ascii = ext ? `document.${ext}` : "document";
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
