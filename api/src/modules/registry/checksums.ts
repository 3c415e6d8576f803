// Check digits of Russian organisation numbers (ФНС rules), so a mistyped ИНН or ОГРН is caught before
// it becomes a school.

/** ИНН of a legal entity: 10 digits, the last one a weighted check digit. */
export function validInn(inn: string): boolean {
  if (!/^\d{10}$/.test(inn)) return false;
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = w.reduce((s, k, i) => s + k * Number(inn[i]), 0);
  return (sum % 11) % 10 === Number(inn[9]);
}

/** ОГРН: 13 digits, the last one is the first twelve as a number mod 11 (mod 10). */
export function validOgrn(ogrn: string): boolean {
  if (!/^\d{13}$/.test(ogrn)) return false;
  return Number((BigInt(ogrn.slice(0, 12)) % 11n) % 10n) === Number(ogrn[12]);
}

/** The check digit that makes the first nine digits a valid ИНН (tests and the demo generator use it). */
export const innWithCheck = (nine: string) => {
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  return nine + String((w.reduce((s, k, i) => s + k * Number(nine[i]), 0) % 11) % 10);
};
export const ogrnWithCheck = (twelve: string) => twelve + String(Number((BigInt(twelve) % 11n) % 10n));
