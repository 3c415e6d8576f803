/** Russian formatting of dates, numbers and counted nouns. */

const dateFmt = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric' });
const shortDateFmt = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });
/**
 * Instants are shown in the time zone of the viewer's region (the server renders the same text as the
 * browser, and a school in Чита sees Чита's clock); Moscow time when the viewer has no region.
 */
export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(kind: 'dateTime' | 'time' | 'day', timeZone: string): Intl.DateTimeFormat {
	const key = `${kind}:${timeZone}`;
	let f = cache.get(key);
	if (!f) {
		const options: Intl.DateTimeFormatOptions =
			kind === 'dateTime'
				? { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }
				: kind === 'time'
					? { hour: '2-digit', minute: '2-digit' }
					: { year: 'numeric', month: '2-digit', day: '2-digit' };
		f = new Intl.DateTimeFormat('ru-RU', { ...options, timeZone });
		cache.set(key, f);
	}
	return f;
}
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

/** An instant: «30 апреля 2026 г. в 15:00» (in `timeZone`). */
export function formatDateTime(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
	if (!iso) return '—';
	return fmt('dateTime', timeZone).format(new Date(iso)).replace(',', ' в');
}

/** An instant relative to now, for feeds: «только что», «5 мин назад», «сегодня в 10:15», or the date. */
export function formatRelative(iso: string, timeZone = DEFAULT_TIME_ZONE, now: Date = new Date()): string {
	const then = new Date(iso);
	const minutes = Math.round((now.getTime() - then.getTime()) / 60000);
	if (minutes < 1) return 'только что';
	if (minutes < 60) return `${minutes} мин назад`;
	const day = (d: Date) => fmt('day', timeZone).format(d);
	const time = fmt('time', timeZone).format(then);
	if (day(then) === day(now)) return `сегодня в ${time}`;
	if (day(then) === day(new Date(now.getTime() - 86_400_000))) return `вчера в ${time}`;
	return formatDateTime(iso, timeZone);
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
export const count = (n: number, forms: readonly [string, string, string]): string => `${formatNumber(n)} ${plural(n, forms)}`;

const percentFmt = new Intl.NumberFormat('ru-RU', { style: 'percent', maximumFractionDigits: 0 });

/** A share 0…1 as «55 %»; «—» when there is nothing to divide. */
export const formatPercent = (share: number | null | undefined): string => (share == null ? '—' : percentFmt.format(share));

/**
 * The last day of a deadline given as the instant it passes (the API's deadlines are the local midnight
 * after the due day): «30 апреля 2026 г.», the day as people in `timeZone` count it.
 */
export function formatDeadline(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
	if (!iso) return '—';
	const lastMoment = new Date(new Date(iso).getTime() - 1);
	const [y, m, d] = fmt('day', timeZone).format(lastMoment).split('.').reverse().map(Number);
	return dateFmt.format(new Date(y, m - 1, d));
}

/** A file size: «850 Б», «12 КБ», «1,4 МБ». */
export function formatFileSize(bytes: number): string {
	if (bytes < 1024) return `${formatNumber(bytes)} Б`;
	if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024))} КБ`;
	return `${new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} МБ`;
}

/** How long since `iso`, in whole days or hours: «5 дней», «3 ч», «меньше часа». */
export function formatWaiting(iso: string, now: Date = new Date()): string {
	const hours = Math.max(0, (now.getTime() - new Date(iso).getTime()) / 3_600_000);
	if (hours < 1) return 'меньше часа';
	if (hours < 24) return `${Math.floor(hours)} ч`;
	return count(Math.floor(hours / 24), ['день', 'дня', 'дней']);
}

/**
 * A label put mid-sentence: its first letter lower-cased, the rest as written, so abbreviations and
 * proper nouns keep their capitals («По субъектам РФ» → «по субъектам РФ», not «по субъектам рф»).
 */
export function midSentence(label: string): string {
	const first = /^[\p{L}\p{N}]+/u.exec(label)?.[0] ?? '';
	if (first.length > 1 && first === first.toUpperCase()) return label;
	return label.charAt(0).toLowerCase() + label.slice(1);
}

const DAY_MS = 86_400_000;

/**
 * Whole days since a deadline passed: an instant (a document's deadline) or a calendar date
 * (`YYYY-MM-DD`, a measure due by the end of that day). 0 on the day itself or before it.
 */
export function daysOverdue(deadline: string, now: Date = new Date()): number {
	const end = /^\d{4}-\d{2}-\d{2}$/.test(deadline) ? Date.parse(`${deadline}T00:00:00Z`) + DAY_MS : Date.parse(deadline);
	return Number.isFinite(end) ? Math.max(0, Math.floor((now.getTime() - end) / DAY_MS)) : 0;
}
