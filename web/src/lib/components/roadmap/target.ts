/**
 * Whose roadmap an editor works on, and where its writes go: a school's participation, or a
 * municipality with a year (the municipal roadmap is created with its first measure or import).
 */
export type RoadmapOwner = 'school' | 'municipality';

export type RoadmapTarget = { participationId: string } | { municipalityId: string; year: number };

/** The words that differ between a school's roadmap and a municipality's. */
export const OWNER_WORDS: Record<RoadmapOwner, { subject: string; notified: string; reviewer: string; riskHint: string; notStarted: string }> = {
	school: {
		subject: 'школа',
		notified: 'Школа получила уведомление.',
		reviewer: 'Куратор',
		riskHint: 'Из выбранных в рисковом профиле школы',
		notStarted: 'Школа ещё не начала дорожную карту. Мероприятия появятся здесь, как только она их добавит.'
	},
	municipality: {
		subject: 'муниципалитет',
		notified: 'Муниципальный координатор получил уведомление.',
		reviewer: 'Региональный координатор',
		riskHint: 'Из перечня факторов риска года проекта',
		notStarted: 'Муниципальный координатор ещё не начал дорожную карту. Мероприятия появятся здесь, как только он их добавит.'
	}
};
