/** Russian formatting of dates, numbers and counted nouns. */

const dateFmt = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric' });
const shortDateFmt = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('ru-RU', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
});
const timeFmt = new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit' });
const numberFmt = new Intl.NumberFormat('ru-RU');

/** A calendar date `YYYY-MM-DD` (no time zone involved): «30 апреля 2026 г.». */
export function formatDate(date: string | null | undefined): string {
	if (!date) return '—';
	const [y, m, d] = date.slice(0, 10).split('-').map(Number);
	return dateFmt.format(new Date(y, m - 1, d));
}

/** A calendar date in figures: «30.04.2026». */
export function formatShortDate(date: string | null | undefined): string {
	if (!date) return '—';
	const [y, m, d] = date.slice(0, 10).split('-').map(Number);
	return shortDateFmt.format(new Date(y, m - 1, d));
}

/** An instant in the reader's time zone: «30 апреля 2026 г. в 15:00». */
export function formatDateTime(iso: string | null | undefined): string {
	if (!iso) return '—';
	return dateTimeFmt.format(new Date(iso)).replace(',', ' в');
}

/** An instant relative to now, for feeds: «только что», «5 мин назад», «сегодня в 10:15», or the date. */
export function formatRelative(iso: string, now: Date = new Date()): string {
	const then = new Date(iso);
	const minutes = Math.round((now.getTime() - then.getTime()) / 60000);
	if (minutes < 1) return 'только что';
	if (minutes < 60) return `${minutes} мин назад`;
	const sameDay = then.toDateString() === now.toDateString();
	if (sameDay) return `сегодня в ${timeFmt.format(then)}`;
	const yesterday = new Date(now);
	yesterday.setDate(now.getDate() - 1);
	if (then.toDateString() === yesterday.toDateString()) return `вчера в ${timeFmt.format(then)}`;
	return formatDateTime(iso);
}

export const formatNumber = (n: number): string => numberFmt.format(n);

/**
 * The Russian plural form for `n`: plural(5, ['школа', 'школы', 'школ']) → 'школ'.
 * Forms: one (1, 21), few (2–4, 22–24), many (0, 5–20, 25…).
 */
export function plural(n: number, forms: readonly [string, string, string]): string {
	const rule = new Intl.PluralRules('ru-RU').select(n);
	return rule === 'one' ? forms[0] : rule === 'few' ? forms[1] : forms[2];
}

/** «12 школ», «1 школа». */
export const count = (n: number, forms: readonly [string, string, string]): string =>
	`${formatNumber(n)} ${plural(n, forms)}`;

const percentFmt = new Intl.NumberFormat('ru-RU', { style: 'percent', maximumFractionDigits: 0 });

/** A share 0…1 as «55 %»; «—» when there is nothing to divide. */
export const formatPercent = (share: number | null | undefined): string =>
	share == null ? '—' : percentFmt.format(share);
