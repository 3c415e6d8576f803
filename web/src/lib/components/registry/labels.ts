/** Words for the registry imports, shared by the registry, participants and onboarding pages. */

export type ImportKind = 'SCHOOLS' | 'MUNICIPALITIES' | 'PARTICIPANTS' | 'ONBOARDING' | 'SURVEY';
export type RowOutcome = 'NEW' | 'CHANGED' | 'UNCHANGED' | 'REJECTED';

/** The largest registry file the server accepts (UPLOAD_MAX_MB); documented in the README. */
export const REGISTRY_MAX_MB = 25;

export const KIND_TITLE: Record<ImportKind, string> = {
	SCHOOLS: 'Реестр школ',
	MUNICIPALITIES: 'Муниципалитеты',
	PARTICIPANTS: 'Участники года по приказу',
	ONBOARDING: 'Подключение школ',
	SURVEY: 'Результаты анкетирования'
};

export const OUTCOME_LABEL: Record<RowOutcome, string> = {
	NEW: 'Новая',
	CHANGED: 'Изменится',
	UNCHANGED: 'Без изменений',
	REJECTED: 'Отклонена'
};

export const OUTCOME_TONE: Record<RowOutcome, 'success' | 'info' | 'neutral' | 'danger'> = {
	NEW: 'success',
	CHANGED: 'info',
	UNCHANGED: 'neutral',
	REJECTED: 'danger'
};

/** Field names of the registry as people call them. */
export const FIELD_LABEL: Record<string, string> = {
	fullName: 'Полное наименование',
	shortName: 'Краткое наименование',
	ogrn: 'ОГРН',
	inn: 'ИНН',
	address: 'Адрес',
	canHostCurators: 'Школа кураторов',
	municipality: 'Муниципалитет',
	name: 'Наименование',
	curator: 'Куратор',
	value: 'Значение'
};

export const showValue = (v: unknown): string =>
	v === null || v === undefined || v === '' ? '—' : v === true ? 'да' : v === false ? 'нет' : String(v);

/** «приказ от 17.12.2021 № 1186»: a date input's value (2021-12-17) is checked to be a real date. */
export const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

/** The invitation list as CSV for Excel (UTF-8 with BOM, «;»). */
export function invitationsCsv(
	origin: string,
	rows: { email: string; fullName: string; role: string; schoolName: string; invitationPath: string }[]
): string {
	const cell = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
	const lines = [
		['E-mail', 'ФИО или наименование', 'Роль', 'Школа-участник', 'Ссылка-приглашение'],
		...rows.map((r) => [r.email, r.fullName, r.role === 'CURATOR' ? 'Куратор' : 'Школа', r.schoolName, origin + r.invitationPath])
	];
	return '\uFEFF' + lines.map((l) => l.map(cell).join(';')).join('\r\n') + '\r\n';
}
