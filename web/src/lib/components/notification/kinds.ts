/** How notifications read in the UI: the kind in words and where a click should lead. */
import { isGlobalIdOf } from '$lib/ids.ts';
import type { NotificationItem } from './notification-center.svelte.ts';

export const KIND_LABEL: Record<NotificationItem['kind'], string> = {
	DEADLINE_OVERDUE: 'Срок прошёл',
	DEADLINE_SOON: 'Скоро срок',
	DOCUMENTS_DUE_SOON: 'Скоро срок документов',
	DOCUMENTS_OVERDUE: 'Документы просрочены',
	DOCUMENT_APPROVED: 'Документ принят',
	DOCUMENT_RETURNED: 'Документ на доработке',
	DOCUMENT_SUBMITTED: 'Документ на проверке',
	EVENT_INVITED: 'Приглашение на мероприятие',
	MEASURE_COMMENTED: 'Комментарий к мероприятию',
	MEASURE_CONFIRMED: 'Выполнение подтверждено',
	MEASURE_RETURNED: 'Мероприятие на доработке',
	PRACTICE_PUBLISHED: 'Практика опубликована',
	PRACTICE_RETURNED: 'Практика на доработке',
	PRACTICE_SUBMITTED: 'Практика на проверке',
	PROFILE_CONFIRMED: 'Рисковый профиль подтверждён',
	PROFILE_RECOMPUTED: 'Рисковый профиль пересчитан',
	QUESTION_ANSWERED: 'Ответ на вопрос',
	QUESTION_ASKED: 'Вопрос на консультационной линии',
	QUESTION_OVERDUE: 'Вопрос без ответа',
	REVIEW_WAITING: 'Ждёт проверки',
	ROADMAP_APPROVED: 'Дорожная карта принята',
	ROADMAP_DUE_SOON: 'Скоро срок дорожной карты',
	ROADMAP_OVERDUE: 'Дорожная карта просрочена',
	ROADMAP_RETURNED: 'Дорожная карта на доработке',
	ROADMAP_SUBMITTED: 'Дорожная карта на проверке'
};

export const kindTone = (kind: NotificationItem['kind']): 'info' | 'success' | 'warning' | 'danger' =>
	kind === 'DOCUMENT_APPROVED' ||
	kind === 'ROADMAP_APPROVED' ||
	kind === 'PROFILE_CONFIRMED' ||
	kind === 'QUESTION_ANSWERED' ||
	kind === 'MEASURE_CONFIRMED'
		? 'success'
		: kind === 'DEADLINE_OVERDUE' ||
			  kind === 'DOCUMENTS_OVERDUE' ||
			  kind === 'DOCUMENT_RETURNED' ||
			  kind === 'ROADMAP_OVERDUE' ||
			  kind === 'ROADMAP_RETURNED' ||
			  kind === 'MEASURE_RETURNED' ||
			  kind === 'QUESTION_OVERDUE'
			? 'danger'
			: kind === 'DEADLINE_SOON' ||
				  kind === 'DOCUMENTS_DUE_SOON' ||
				  kind === 'ROADMAP_DUE_SOON' ||
				  kind === 'REVIEW_WAITING' ||
				  kind === 'PROFILE_RECOMPUTED'
				? 'warning'
				: 'info';

/** The page a notification is about, from the global ids in its payload (the most specific known one). */
export function notificationHref(n: Pick<NotificationItem, 'payload'> & { kind?: NotificationItem['kind'] }): string | null {
	const p = (n.payload ?? {}) as Record<string, unknown>;
	// Payloads carry global ids; older rows may hold a bare database id, which the key's type completes.
	const id = (key: string, type: string) => {
		const v = p[key];
		if (typeof v !== 'string' || !v) return null;
		return isGlobalIdOf(v, type) ? v : /^[0-9a-f-]{8,}$/i.test(v) ? btoa(`${type}:${v}`) : null;
	};
	const document = id('documentId', 'Document');
	if (document) return `/documents/${document}`;
	const practice = id('practiceId', 'Practice');
	if (practice) return `/practices/${practice}`;
	const event = id('eventId', 'Event');
	if (event) return `/events/${event}`;
	const question = id('questionId', 'Question');
	if (question) return `/consultations/${question}`;
	const roadmap = id('roadmapId', 'Roadmap');
	if (roadmap) return `/roadmaps/${roadmap}`;
	const participation = id('participationId', 'Participation');
	if (participation && (n.kind === 'PROFILE_CONFIRMED' || n.kind === 'PROFILE_RECOMPUTED')) return `/participations/${participation}/profile`;
	const school = id('schoolId', 'School');
	if (school && (n.kind === 'DOCUMENTS_DUE_SOON' || n.kind === 'DOCUMENTS_OVERDUE')) return `/schools/${school}/documents`;
	if (school && (n.kind === 'ROADMAP_DUE_SOON' || n.kind === 'ROADMAP_OVERDUE')) return `/schools/${school}/roadmap`;
	if (school) return `/schools/${school}`;
	const municipality = id('municipalityId', 'Municipality');
	if (municipality) return `/municipalities/${municipality}`;
	const region = id('regionId', 'Region');
	if (region) return `/regions/${region}`;
	return null;
}
