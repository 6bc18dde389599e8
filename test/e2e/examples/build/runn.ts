/**
 * Runn (guide 002): once a day, import Harvest's new clients, projects and people into Runn, matched by Harvest
 * ID only (a reference on the Runn record), and sync timesheet actuals. One way: nothing in Runn flows back, and
 * records already imported are left as Runn has them.
 */
import { code, harvest, http, manual, nextUrlPagination, schedule, set, STAND_IN_ORIGIN, sticky, Workflow } from './workflow';

const S = "$('Settings').first().json";
const VERSION = { 'Accept-Version': '1.0.0' };

/** A Runn list, every page (one item per page, `{values, nextCursor}`); `query` is a JS expression adding filters. */
function runnList(name: string, at: [number, number], path: string, query = "''") {
	const first = `${S}.runnUrl + '${path}?limit=200' + ${query}`;
	return http(
		name,
		at,
		'runn',
		{
			url: `={{ ${first} }}`,
			headers: VERSION,
			pagination: nextUrlPagination(`${first} + '&cursor=' + encodeURIComponent($response.body.nextCursor ?? '')`, '!$response.body.nextCursor'),
		},
		{ executeOnce: true },
	);
}

function runnCreate(name: string, at: [number, number], path: string, body = '$json') {
	return http(name, at, 'runn', { method: 'POST', url: `={{ ${S}.runnUrl }}${path}`, headers: VERSION, json: body });
}

/** Shared by the Code nodes: Runn records read (all pages) plus those this run created, and their Harvest ID. */
const RUNN_HELPERS = `
const settings = $('Settings').first().json;
const runnRecords = (list, created) => [
	...$(list).all().flatMap((page) => page.json.values ?? []),
	...(created && $(created).isExecuted ? $(created).all().map((item) => item.json) : []),
];
const harvestId = (record) => (record.references ?? []).find((r) => r.referenceName === settings.referenceName)?.externalId;
const reference = (id) => [{ referenceName: settings.referenceName, externalId: String(id) }];
const harvestRecords = (node) => $(node).all().map((item) => item.json).filter((record) => record.id !== undefined);
`;

export function buildRunn() {
	const wf = new Workflow('exRunnImport0001', 'Harvest → Runn: daily import of clients, projects, people and timesheet actuals');

	wf.add(
		sticky('About this workflow', [-0.3, -2.2], [720, 420], [
			'## Harvest → Runn (daily, one way)',
			'Runn\'s Harvest integration, step by step. Every day (or **Sync now**):',
			'1. **Clients**, then **projects**, then **people** that are active in Harvest and not yet in Runn are created there, each with a reference *Harvest = the Harvest ID*. Records are matched **by that ID only**: a record made in both tools by hand is not matched (give the Runn one the reference to avoid a duplicate).',
			'2. A person with no role or several roles in Harvest gets the role **Unknown** (the role is created if Runn lacks it).',
			'3. **Actuals**: Harvest time of the last 30 days, per person, project and day (billable and non-billable minutes), is written to Runn where it differs. A deleted Harvest entry sets the day back to 0.',
			'Records already imported are **not updated** (Runn keeps its copy), and nothing flows from Runn to Harvest.',
			'',
			'**For production:** in **Settings** set *runnUrl* to `https://api.runn.io`; in every Runn node pick a **Header Auth** credential (*Authorization* = `Bearer <your Runn API token>`); pick your Harvest credential in the Harvest nodes; adjust the schedule and the actuals window in **Settings**.',
		].join('\n')),
	);

	const daily = wf.add({ ...schedule('Every day at 5:00', [0, 0], { field: 'days', daysInterval: 1, triggerAtHour: 5 }) });
	const now = wf.add(manual('Sync now', [0, 1]));
	const settings = wf.add(
		set('Settings', [1, 0.5], {
			runnUrl: ['string', `${STAND_IN_ORIGIN}/runn`],
			referenceName: ['string', 'Harvest'],
			actualsFrom: ['string', "={{ $today.minus({ days: 30 }).toFormat('yyyy-MM-dd') }}"],
			actualsTo: ['string', "={{ $today.toFormat('yyyy-MM-dd') }}"],
		}),
	);
	wf.connect(daily, settings);
	wf.connect(now, settings);

	// 1. Clients (branches run top to bottom, one after another).
	const runnClients = wf.add(runnList('Runn clients', [2, 0], '/clients'));
	const harvestClients = wf.add(harvest('Harvest clients', [3, 0], 'client', 'getAll', { returnAll: true, filters: { is_active: true } }, { executeOnce: true, alwaysOutputData: true }));
	const newClients = wf.add(
		code('Clients to import', [4, 0], `${RUNN_HELPERS}
const imported = new Set(runnRecords('Runn clients').map(harvestId).filter(Boolean));
return harvestRecords('Harvest clients')
	.filter((client) => !imported.has(String(client.id)))
	.map((client) => ({ json: { name: client.name, references: reference(client.id) } }));`),
	);
	const createClient = wf.add(runnCreate('Create Runn client', [5, 0], '/clients'));
	wf.connect(settings, runnClients);
	wf.chain(runnClients, harvestClients, newClients, createClient);

	// 2. Projects, under the Runn client imported from the project's Harvest client.
	const runnProjects = wf.add(runnList('Runn projects', [2, 1.2], '/projects'));
	const harvestProjects = wf.add(harvest('Harvest projects', [3, 1.2], 'project', 'getAll', { returnAll: true, filters: { is_active: true } }, { executeOnce: true, alwaysOutputData: true }));
	const newProjects = wf.add(
		code('Projects to import', [4, 1.2], `${RUNN_HELPERS}
const imported = new Set(runnRecords('Runn projects').map(harvestId).filter(Boolean));
const clients = new Map(runnRecords('Runn clients', 'Create Runn client').map((c) => [harvestId(c), c.id]));
return harvestRecords('Harvest projects')
	.filter((project) => !imported.has(String(project.id)) && clients.has(String(project.client.id)))
	.map((project) => ({
		json: { name: project.name, clientId: clients.get(String(project.client.id)), isConfirmed: true, references: reference(project.id) },
	}));`),
	);
	const createProject = wf.add(runnCreate('Create Runn project', [5, 1.2], '/projects'));
	wf.connect(settings, runnProjects);
	wf.chain(runnProjects, harvestProjects, newProjects, createProject);

	// 3. Roles people need: their one Harvest role, or "Unknown".
	const runnRoles = wf.add(runnList('Runn roles', [2, 2.4], '/roles'));
	const harvestPeople = wf.add(harvest('Harvest people', [3, 2.4], 'user', 'getAll', { returnAll: true, filters: { is_active: true } }, { executeOnce: true, alwaysOutputData: true }));
	const ROLE = 'const roleName = (user) => ((user.roles ?? []).length === 1 ? user.roles[0] : \'Unknown\');';
	const newRoles = wf.add(
		code('Roles to create', [4, 2.4], `${RUNN_HELPERS}${ROLE}
const existing = new Set(runnRecords('Runn roles').map((role) => role.name.toLowerCase()));
const needed = [...new Set(harvestRecords('Harvest people').map(roleName))];
return needed.filter((name) => !existing.has(name.toLowerCase())).map((name) => ({ json: { name } }));`),
	);
	const createRole = wf.add(runnCreate('Create Runn role', [5, 2.4], '/roles'));
	wf.connect(settings, runnRoles);
	wf.chain(runnRoles, harvestPeople, newRoles, createRole);

	// 4. People, each starting in their role.
	const runnPeople = wf.add(runnList('Runn people', [2, 3.6], '/people'));
	const newPeople = wf.add(
		code('People to import', [3, 3.6], `${RUNN_HELPERS}${ROLE}
const imported = new Set(runnRecords('Runn people').map(harvestId).filter(Boolean));
const roles = new Map(runnRecords('Runn roles', 'Create Runn role').map((role) => [role.name.toLowerCase(), role.id]));
return harvestRecords('Harvest people')
	.filter((user) => !imported.has(String(user.id)))
	.map((user) => ({
		json: {
			firstName: user.first_name,
			lastName: user.last_name,
			email: user.email,
			roleId: roles.get(roleName(user).toLowerCase()),
			references: reference(user.id),
		},
	}));`),
	);
	const createPerson = wf.add(runnCreate('Create Runn person', [4, 3.6], '/people'));
	wf.connect(settings, runnPeople);
	wf.chain(runnPeople, newPeople, createPerson);

	// 5. Actuals: Harvest's time per day, person and project, in the person's role that day.
	const contracts = wf.add(runnList('Runn contracts', [2, 4.8], '/contracts'));
	const actuals = wf.add(runnList('Runn actuals', [3, 4.8], '/actuals', `'&minDate=' + ${S}.actualsFrom + '&maxDate=' + ${S}.actualsTo`));
	const time = wf.add(
		harvest('Harvest time entries', [4, 4.8], 'timeEntry', 'getAll', { returnAll: true, filters: { from: `={{ ${S}.actualsFrom }}`, to: `={{ ${S}.actualsTo }}` } }, { executeOnce: true, alwaysOutputData: true }),
	);
	const changedActuals = wf.add(
		code('Actuals to write', [5, 4.8], `${RUNN_HELPERS}
const byHarvestId = (records) => new Map(records.map((r) => [harvestId(r), r]).filter(([id]) => id));
const people = byHarvestId(runnRecords('Runn people', 'Create Runn person'));
const projects = byHarvestId(runnRecords('Runn projects', 'Create Runn project'));
const contracts = runnRecords('Runn contracts');
// The role of the contract a person had on that day (the latest one when none covers it).
const roleOn = (personId, date) => {
	const own = contracts.filter((c) => c.personId === personId).sort((a, b) => b.startDate.localeCompare(a.startDate));
	return (own.find((c) => c.startDate <= date && (!c.endDate || c.endDate >= date)) ?? own[0])?.roleId;
};
const key = (a) => [a.date, a.personId, a.projectId, a.roleId].join('/');

const wanted = new Map();
for (const entry of harvestRecords('Harvest time entries')) {
	const person = people.get(String(entry.user.id));
	const project = projects.get(String(entry.project.id));
	if (!person || !project || entry.is_running) continue;
	const roleId = roleOn(person.id, entry.spent_date);
	if (!roleId) continue;
	const actual = { date: entry.spent_date, personId: person.id, projectId: project.id, roleId, billable: 0, nonbillable: 0 };
	const day = wanted.get(key(actual)) ?? actual;
	day[entry.billable ? 'billable' : 'nonbillable'] += entry.hours;
	wanted.set(key(day), day);
}
// Days Runn has for imported people and projects but Harvest no longer has go back to 0.
const linkedPeople = new Set([...people.values()].map((p) => p.id));
const linkedProjects = new Set([...projects.values()].map((p) => p.id));
const existing = new Map();
for (const actual of runnRecords('Runn actuals')) {
	if (!linkedPeople.has(actual.personId) || !linkedProjects.has(actual.projectId)) continue;
	existing.set(key(actual), actual);
	if (!wanted.has(key(actual))) wanted.set(key(actual), { ...actual, billable: 0, nonbillable: 0 });
}
const changes = [];
for (const [k, day] of wanted) {
	const actual = {
		date: day.date,
		personId: day.personId,
		projectId: day.projectId,
		roleId: day.roleId,
		billableMinutes: Math.round(day.billable * 60),
		nonbillableMinutes: Math.round(day.nonbillable * 60),
	};
	const before = existing.get(k);
	const same = before
		? before.billableMinutes === actual.billableMinutes && before.nonbillableMinutes === actual.nonbillableMinutes
		: actual.billableMinutes + actual.nonbillableMinutes === 0;
	if (!same) changes.push(actual);
}
// Runn takes up to 100 actuals per request.
const batches = [];
for (let i = 0; i < changes.length; i += 100) batches.push({ json: { actuals: changes.slice(i, i + 100) } });
return batches;`),
	);
	const write = wf.add(runnCreate('Write Runn actuals', [6, 4.8], '/actuals/bulk'));
	wf.connect(settings, contracts);
	wf.chain(contracts, actuals, time, changedActuals, write);

	return wf.toJSON();
}
