/**
 * What each role sees in the shell: its Russian name, its territory, its home page and its navigation.
 * These are UX only; the API decides what a user may read or change.
 */
import type { Role, ViewerData } from '$lib/graphql/fragments/viewer.ts';

export const ROLE_LABEL: Record<Role, string> = {
	FEDERAL_COORDINATOR: 'Федеральный координатор',
	REGIONAL_COORDINATOR: 'Региональный координатор',
	MUNICIPAL_COORDINATOR: 'Муниципальный координатор',
	CURATOR: 'Куратор',
	SCHOOL: 'Школа',
	OBSERVER: 'Наблюдатель'
};

/** The time zone instants are shown in for this viewer (its region's). */
export const viewerTimeZone = (viewer: ViewerData): string | undefined => viewer.region?.timeZone ?? undefined;

export const roleLabel = (role: Role | null | undefined): string => (role ? ROLE_LABEL[role] : 'Без роли');

/** The assignment of the viewer's main role (the widest one), with its territory. */
function mainAssignment(viewer: ViewerData) {
	return viewer.roles.find((r) => r.role === viewer.role) ?? viewer.roles[0];
}

/** The territory the viewer works in, in words: «Забайкальский край», «Балейский район, Забайкальский край». */
export function territoryLabel(viewer: ViewerData): string {
	const main = mainAssignment(viewer);
	switch (viewer.role) {
		case 'FEDERAL_COORDINATOR':
			return 'Все субъекты РФ';
		case 'REGIONAL_COORDINATOR':
			return main?.region?.name ?? viewer.region?.name ?? '—';
		case 'MUNICIPAL_COORDINATOR': {
			const m = main?.municipality ?? viewer.municipality;
			const r = viewer.region?.name;
			return m ? [m.name, r].filter(Boolean).join(', ') : '—';
		}
		case 'SCHOOL':
			return main?.school?.shortName ?? viewer.school?.shortName ?? '—';
		case 'CURATOR':
			// A curator's reach is its schools; the municipality/region (when it has one) place it.
			return [viewer.municipality?.name, viewer.region?.name].filter(Boolean).join(', ') || 'Курируемые школы';
		case 'OBSERVER': {
			const m = main?.municipality;
			if (m) return [m.name, viewer.region?.name].filter(Boolean).join(', ');
			return main?.region?.name ?? viewer.region?.name ?? 'Только чтение';
		}
		default:
			return '—';
	}
}

/** Where the viewer lands after sign-in and when opening «/». */
export function homePath(viewer: ViewerData): string {
	const main = mainAssignment(viewer);
	const region = main?.region ?? viewer.region;
	const municipality = main?.municipality ?? viewer.municipality;
	switch (viewer.role) {
		case 'FEDERAL_COORDINATOR':
			return '/regions';
		case 'REGIONAL_COORDINATOR':
			return region ? `/regions/${region.id}` : '/regions';
		case 'MUNICIPAL_COORDINATOR':
			return municipality ? `/municipalities/${municipality.id}` : '/schools';
		case 'SCHOOL': {
			const school = main?.school ?? viewer.school;
			return school ? `/schools/${school.id}` : '/schools';
		}
		case 'CURATOR':
			// The first item of a curator's menu: the documents waiting for its decision.
			return '/review';
		case 'OBSERVER':
			if (main?.municipality) return `/municipalities/${main.municipality.id}`;
			return main?.region ? `/regions/${main.region.id}` : '/regions';
		default:
			return '/notifications';
	}
}

/**
 * Sections that fold into one menu button on wide screens, so a coordinator's dozen sections fit in one
 * row at 1280 px. An item without a group stands on its own; a group with a single item for a role is
 * shown as that item.
 */
export type NavGroup = 'Мониторинг' | 'Управление' | 'Поддержка';

export interface NavItem {
	href: string;
	label: string;
	/** Paths (prefixes) that mark this item as the current section. */
	match: string[];
	group?: NavGroup;
}

/** What the header shows: single sections and groups, each group where its first section stands. */
export type NavEntry = { item: NavItem } | { group: NavGroup; items: NavItem[] };

export function navEntries(items: readonly NavItem[]): NavEntry[] {
	const out: NavEntry[] = [];
	for (const item of items) {
		const members = item.group ? items.filter((i) => i.group === item.group) : [item];
		if (members.length < 2) out.push({ item });
		else if (members[0] === item) out.push({ group: item.group!, items: members });
	}
	return out;
}

/**
 * The sections the viewer may use, in the order of its work: the one list of the menu. A new section is
 * one `add` here; give it a `group` when it belongs to monitoring, management or support.
 */
export function navFor(viewer: ViewerData): NavItem[] {
	const roles = new Set(viewer.roles.map((r) => r.role));
	if (viewer.role) roles.add(viewer.role);
	const home = homePath(viewer);
	const items: NavItem[] = [];
	const add = (item: NavItem) => {
		if (!items.some((i) => i.href === item.href)) items.push(item);
	};

	if (roles.has('FEDERAL_COORDINATOR')) {
		add({ href: '/regions', label: 'Субъекты РФ', match: ['/regions', '/municipalities'] });
		add({ href: '/schools', label: 'Школы', match: ['/schools'], group: 'Мониторинг' });
		add({ href: '/programme-years', label: 'Годы', match: ['/programme-years'], group: 'Управление' });
	}
	if (roles.has('REGIONAL_COORDINATOR') || (roles.has('OBSERVER') && home.startsWith('/regions/'))) {
		add({ href: home, label: 'Мой субъект', match: ['/regions', '/municipalities'] });
		add({ href: '/schools', label: 'Школы', match: ['/schools'], group: 'Мониторинг' });
	}
	if (roles.has('MUNICIPAL_COORDINATOR') || (roles.has('OBSERVER') && home.startsWith('/municipalities/'))) {
		add({ href: home, label: 'Мой муниципалитет', match: ['/municipalities'] });
		add({ href: '/schools', label: 'Школы', match: ['/schools'], group: 'Мониторинг' });
	}
	// Coordinators' and observers' daily work over their territory (observers read only).
	const coordinates = ['FEDERAL_COORDINATOR', 'REGIONAL_COORDINATOR', 'MUNICIPAL_COORDINATOR'] as const;
	if (coordinates.some((r) => roles.has(r)) || roles.has('OBSERVER')) {
		add({ href: '/overdue', label: 'Просрочки', match: ['/overdue'], group: 'Мониторинг' });
		add({ href: '/reports', label: 'Отчёты', match: ['/reports'], group: 'Мониторинг' });
	}
	// The region's score is read over a whole region: the federal and regional coordinators, a region's observer.
	const observesRegion = viewer.roles.some((r) => r.role === 'OBSERVER' && r.region);
	if (roles.has('FEDERAL_COORDINATOR') || roles.has('REGIONAL_COORDINATOR') || observesRegion) {
		add({ href: '/scoring', label: 'Оценка', match: ['/scoring'], group: 'Мониторинг' });
	}
	if (coordinates.some((r) => roles.has(r))) {
		add({ href: '/people', label: 'Люди', match: ['/people'], group: 'Управление' });
	}
	// The registry, the year's participants and bulk onboarding: the federal and regional coordinators.
	if (roles.has('FEDERAL_COORDINATOR') || roles.has('REGIONAL_COORDINATOR')) {
		// One section: «Реестр школ», «Участники года», «Подключение школ» and «Анкетирование» are its tabs.
		add({ href: '/registry', label: 'Реестр', match: ['/registry', '/participants', '/onboarding', '/survey'], group: 'Управление' });
	}
	// A region's coordinator runs its region's own programme («62+»): its years and settings.
	if (roles.has('REGIONAL_COORDINATOR')) {
		add({ href: '/programme-years', label: 'Годы', match: ['/programme-years'], group: 'Управление' });
	}
	if (roles.has('CURATOR')) {
		add({ href: '/review', label: 'На проверку', match: ['/review', '/documents'] });
		add({ href: '/schools', label: 'Мои школы', match: ['/schools'] });
	}
	if (roles.has('SCHOOL')) {
		const school = viewer.roles.find((r) => r.role === 'SCHOOL')?.school ?? viewer.school;
		if (school) {
			const base = `/schools/${school.id}`;
			add({ href: base, label: 'Моя школа', match: [base] });
			add({ href: `${base}/documents`, label: 'Документы', match: [`${base}/documents`, '/documents'] });
			add({ href: `${base}/roadmap`, label: 'Дорожная карта', match: [`${base}/roadmap`] });
		}
	}
	// The consultation line: coordinators who answer start from their inbox; every participant asks;
	// the FAQ is for everyone, observers included.
	if (roles.has('FEDERAL_COORDINATOR') || roles.has('REGIONAL_COORDINATOR')) {
		add({ href: '/consultations/inbox', label: 'Консультации', match: ['/consultations'], group: 'Поддержка' });
	} else if ([...roles].some((r) => r !== 'OBSERVER')) {
		add({ href: '/consultations', label: 'Консультации', match: ['/consultations'], group: 'Поддержка' });
	}
	add({ href: '/faq', label: 'Вопросы и ответы', match: ['/faq'], group: 'Поддержка' });
	// The materials bank is open to everyone; coordinators publish.
	add({ href: '/materials', label: 'Методические материалы', match: ['/materials'], group: 'Поддержка' });
	add({ href: '/practices', label: 'Банк практик', match: ['/practices'], group: 'Поддержка' });
	// Events: everyone sees where they are invited; coordinators create and mark attendance.
	add({ href: '/events', label: 'Мероприятия', match: ['/events'], group: 'Поддержка' });
	add({ href: '/notifications', label: 'Уведомления', match: ['/notifications'] });
	add({ href: '/help', label: 'Справка', match: ['/help'], group: 'Поддержка' });
	return items;
}

/** Breadcrumbs to the region and municipality pages the viewer's roles can open (UX; the API decides). */
export function territoryCrumbs(
	viewer: ViewerData,
	place: { region?: { id: string; name: string } | null; municipality?: { id: string; name: string } | null }
): { href: string; label: string }[] {
	const roles = new Set(viewer.roles.map((r) => r.role));
	const wide = roles.has('FEDERAL_COORDINATOR') || roles.has('REGIONAL_COORDINATOR');
	const observesRegion = viewer.roles.some((r) => r.role === 'OBSERVER' && r.region);
	const crumbs: { href: string; label: string }[] = [];
	if (roles.has('FEDERAL_COORDINATOR')) crumbs.push({ href: '/regions', label: 'Субъекты РФ' });
	if (place.region && (wide || observesRegion)) {
		crumbs.push({ href: `/regions/${place.region.id}`, label: place.region.name });
	}
	if (place.municipality && (wide || observesRegion || roles.has('MUNICIPAL_COORDINATOR') || roles.has('OBSERVER'))) {
		crumbs.push({ href: `/municipalities/${place.municipality.id}`, label: place.municipality.name });
	}
	return crumbs;
}
