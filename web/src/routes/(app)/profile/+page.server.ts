import { fail } from '@sveltejs/kit';
import { graphql, type VariablesOf } from '$lib/graphql/graphql.ts';
import { ErrorFields } from '$lib/graphql/fragments/error.ts';
import { query } from '$lib/server/api.ts';
import { mutate } from '$lib/server/actions.ts';
import type { Actions, PageServerLoad } from './$types';

const Profile = graphql(`
	query Profile {
		viewer {
			id
			fullName
			email
			position
			notificationPreferences {
				kind
				email
			}
		}
	}
`);

const UpdateProfile = graphql(`
	mutation ProfileUpdate($fullName: String!, $position: String) {
		updateProfile(fullName: $fullName, position: $position) {
			id
			fullName
			position
		}
	}
`);

const ChangePassword = graphql(
	`
		mutation ProfileChangePassword($current: String!, $next: String!) {
			changePassword(currentPassword: $current, newPassword: $next) {
				__typename
				...ErrorFields
				... on MutationChangePasswordSuccess {
					data
				}
			}
		}
	`,
	[ErrorFields]
);

const SetPreferences = graphql(`
	mutation ProfilePreferences($preferences: [NotificationPreferenceInput!]!) {
		setNotificationPreferences(preferences: $preferences) {
			kind
			email
		}
	}
`);

type Preference = VariablesOf<typeof SetPreferences>['preferences'][number];
type Kind = Preference['kind'];
type Choice = Preference['email'];
const CHOICES: Choice[] = ['IMMEDIATE', 'DIGEST', 'OFF'];

/** The API's rule (api/src/modules/mail/validation.ts), repeated so the form can say it up front. */
const MIN_PASSWORD_LENGTH = 10;

export const load: PageServerLoad = async (event) => {
	const data = await query(event, Profile, {});
	return { profile: data.viewer!, minLength: MIN_PASSWORD_LENGTH };
};

export const actions: Actions = {
	/** The viewer's own name and position. */
	profile: async (event) => {
		const form = await event.request.formData();
		const fullName = String(form.get('fullName') ?? '').trim();
		const position = String(form.get('position') ?? '').trim();
		const values = { fullName, position };
		if (fullName.length < 3) return fail(400, { form: 'profile', message: 'Проверьте поля формы', fields: { fullName: 'Укажите ФИО' }, values });
		const result = await mutate(event, UpdateProfile, { fullName, position: position || null }, (d) => d.updateProfile, 'profile', values);
		if (!result.ok) return result.failure;
		return { form: 'profile', ok: true, message: 'Данные сохранены' };
	},

	/** Changes the viewer's own password; every other session ends. */
	password: async (event) => {
		const form = await event.request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('next') ?? '');
		const confirm = String(form.get('confirm') ?? '');
		const fields: Record<string, string> = {};
		if (!current) fields.current = 'Введите текущий пароль';
		if (next.length < MIN_PASSWORD_LENGTH) fields.next = `Пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов`;
		else if (confirm !== next) fields.confirm = 'Пароли не совпадают';
		if (Object.keys(fields).length) return fail(400, { form: 'password', message: 'Проверьте поля формы', fields });
		const result = await mutate(event, ChangePassword, { current, next }, (d) => d.changePassword, 'password');
		if (!result.ok) return result.failure;
		return { form: 'password', ok: true, message: 'Пароль изменён. Другие открытые сеансы завершены.' };
	},

	/** Saves the e-mail choice of every kind shown on the page. */
	preferences: async (event) => {
		const form = await event.request.formData();
		const preferences: { kind: Kind; email: Choice }[] = [];
		for (const [name, value] of form.entries()) {
			if (!name.startsWith('pref:')) continue;
			const choice = String(value) as Choice;
			if (!CHOICES.includes(choice)) return fail(400, { form: 'preferences', message: 'Неизвестный вариант доставки', fields: {} });
			preferences.push({ kind: name.slice(5) as Kind, email: choice });
		}
		if (!preferences.length) return fail(400, { form: 'preferences', message: 'Нечего сохранять', fields: {} });
		const result = await mutate(event, SetPreferences, { preferences }, (d) => d.setNotificationPreferences, 'preferences');
		if (!result.ok) return result.failure;
		return { form: 'preferences', ok: true, message: 'Настройки уведомлений сохранены' };
	}
};
