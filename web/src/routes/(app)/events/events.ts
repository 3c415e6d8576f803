/** Shared bits of the events pages: the list's fields and Russian labels. */
import { graphql } from '$lib/graphql/graphql.ts';

export const EventListFields = graphql(`
	fragment EventListFields on Event {
		id
		title
		kind
		kindLabel
		startsAt
		timeZone
		durationMinutes
		url
		invitedCount
		attendedCount
		viewerInvited
		viewerAttended
		viewerCanManage
		region {
			id
			name
		}
	}
`);

export const KIND_OPTIONS = [
	{ value: 'WEBINAR', label: 'Вебинар' },
	{ value: 'SEMINAR', label: 'Семинар' },
	{ value: 'CONFERENCE', label: 'Совещание' },
	{ value: 'CONSULTATION', label: 'Консультация' }
] as const;

/** «10 декабря 2026, 10:00 (Asia/Chita)» — in the event's own zone, as it was set. */
export function eventWhen(iso: string, timeZone: string): string {
	const when = new Intl.DateTimeFormat('ru-RU', {
		timeZone,
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	}).format(new Date(iso));
	return `${when} (${ZONE_LABEL[timeZone] ?? timeZone})`;
}

const ZONE_LABEL: Record<string, string> = {
	'Europe/Moscow': 'по московскому времени',
	'Asia/Chita': 'по времени Забайкальского края'
};

export const share = (attended: number, invited: number) => (invited ? Math.round((attended / invited) * 100) : 0);
