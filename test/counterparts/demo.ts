/**
 * Demo data for the stand-ins that fits the Harvest sandbox's: the same people (by e-mail) in Bitrix24, plus the
 * cases each guide talks about (a Bitrix24 user with no Harvest account, a Runn client already linked to its
 * Harvest ID by hand, an Upsales company that already exists). `npm start` and the e2e tier both use it.
 */
import type { Counterparts } from './index';

export interface HarvestPeopleAndClients {
	users: Array<{ id: number; email: string; first_name: string; last_name: string; is_active: boolean }>;
	clients: Array<{ id: number; name: string; is_active: boolean }>;
}

export interface DemoSeed {
	/** Bitrix24 user ids by e-mail; `bitrixOnly` has no Harvest account. */
	bitrixUsers: Record<string, number>;
	bitrixOnly: { id: number; email: string };
	groups: { website: number; mobile: number };
	contacts: { nora: number; pavel: number };
	/** The Runn client given its Harvest reference by hand (its Harvest client id). */
	runnLinkedClient: { runnId: number; harvestId: number };
	/** The Upsales account that exists before the first sync (named like this Harvest client). */
	upsalesAccount: { id: number; name: string };
}

export function seedDemo(counterparts: Counterparts, harvest: HarvestPeopleAndClients): DemoSeed {
	const people = harvest.users.filter((u) => u.is_active);
	const clients = harvest.clients.filter((c) => c.is_active);
	if (people.length < 3 || clients.length < 2) throw new Error('the demo needs at least 3 active Harvest users and 2 active clients');

	const bitrix = counterparts.bitrix24.seed({
		users: [
			...people.map((u) => ({ EMAIL: u.email, NAME: u.first_name, LAST_NAME: u.last_name })),
			{ EMAIL: 'olga.ivanova@example.com', NAME: 'Olga', LAST_NAME: 'Ivanova' },
		],
		groups: [{ NAME: 'Website Relaunch', PROJECT: 'Y' }, { NAME: 'Mobile App', PROJECT: 'Y' }],
		contacts: [
			{ NAME: 'Nora', LAST_NAME: 'Lind', EMAIL: [{ VALUE: 'nora.lind@example.org', VALUE_TYPE: 'WORK' }] },
			{ NAME: 'Pavel', LAST_NAME: 'Horak' },
		],
	});
	const bitrixUsers = Object.fromEntries(bitrix.users.map((u) => [u.EMAIL, Number(u.ID)]));
	const id = (email: string) => bitrixUsers[email];
	const [website, mobile] = bitrix.groups.map((g) => Number(g!.ID));
	const [nora, pavel] = bitrix.contacts.map((c) => Number(c!.ID));
	const olga = { id: id('olga.ivanova@example.com'), email: 'olga.ivanova@example.com' };
	// A few tasks to sync by hand in the demo ("Sync one task (try it)" starts with task 1).
	counterparts.bitrix24.seed({
		tasks: [
			{ TITLE: 'Homepage wireframes', RESPONSIBLE_ID: id(people[0].email), ACCOMPLICES: [id(people[1].email), olga.id], GROUP_ID: website, UF_CRM_TASK: [`C_${nora}`] },
			{ TITLE: 'Homepage wireframes', RESPONSIBLE_ID: id(people[2].email), GROUP_ID: mobile },
			{ TITLE: 'Prepare onboarding deck', RESPONSIBLE_ID: id(people[1].email) },
			{ TITLE: 'Vendor contract review', RESPONSIBLE_ID: olga.id, UF_CRM_TASK: [`C_${pavel}`] },
		],
	});

	const [linked, existing] = clients;
	const runn = counterparts.runn.seed({
		clients: [
			{ name: linked.name, references: [{ referenceName: 'Harvest', externalId: String(linked.id) }] },
			{ name: 'Internal time (Runn only)' },
		],
	}) as { clients: Array<{ id: number }> };
	const upsales = counterparts.upsales.seed({ accounts: [{ name: existing.name }] }) as { accounts: Array<{ id: number; name: string }> };

	return {
		bitrixUsers,
		bitrixOnly: olga,
		groups: { website, mobile },
		contacts: { nora, pavel },
		runnLinkedClient: { runnId: runn.clients[0].id, harvestId: linked.id },
		upsalesAccount: upsales.accounts[0],
	};
}
