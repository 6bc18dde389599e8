/**
 * Domo (guide 001): the HarvestApp connector's reports, each kept as a Domo DataSet through the DataSet API. Every
 * day the records updated since a date are read from Harvest, flattened into typed columns and, where they differ
 * from what the DataSet holds, imported (REPLACE). Unchanged DataSets get no new version.
 */
import { code, harvest, http, ifTrue, keep, manual, parameterPagination, schedule, set, STAND_IN_ORIGIN, sticky, Workflow, type Params } from './workflow';

const S = "$('Settings').first().json";
const SINCE = `={{ ${S}.updatedSince }}`;

/** The connector's reports (guide 001), in its order: node name, Harvest resource and operation, parameters. */
export const REPORTS: Array<[string, string, string, Params]> = [
	['All Clients', 'client', 'getAll', { returnAll: true, filters: { updated_since: SINCE } }],
	['All Contacts', 'contact', 'getAll', { returnAll: true, filters: { updated_since: SINCE } }],
	['All Expenses', 'expense', 'getAll', { returnAll: true, filters: { updated_since: SINCE } }],
	['All Projects', 'project', 'getAll', { returnAll: true, filters: { updated_since: SINCE } }],
	['All Roles', 'role', 'getAll', { returnAll: true }],
	['All Tasks', 'task', 'getAll', { returnAll: true, filters: { updated_since: SINCE } }],
	['All Task Assignments', 'taskAssignment', 'getAll', { returnAll: true, filters: { updated_since: SINCE } }],
	['All Time Entries', 'timeEntry', 'getAll', { returnAll: true, filters: { updated_since: SINCE } }],
	['All User Assignments', 'userAssignment', 'getAll', { returnAll: true, filters: { updated_since: SINCE } }],
	['All Users', 'user', 'getAll', { returnAll: true, filters: { updated_since: SINCE } }],
	// Harvest lists these per parent; the account-wide operations read every parent's list.
	['All Project Assignments', 'projectAssignment', 'getAllAcross', { returnAll: true, filters: { updated_since: SINCE } }],
	['Company', 'company', 'get', {}],
	['Expense Categories', 'expenseCategory', 'getAll', { returnAll: true, filters: { updated_since: SINCE } }],
	['Invoices', 'invoice', 'getAll', { returnAll: true, filters: { updated_since: SINCE } }],
	['Invoice Item Categories', 'invoiceItemCategory', 'getAll', { returnAll: true, filters: { updated_since: SINCE } }],
	['Invoice Messages', 'invoiceMessage', 'getAllAcross', { returnAll: true, filters: { updated_since: SINCE } }],
	['Invoice Payments', 'invoicePayment', 'getAllAcross', { returnAll: true, filters: { updated_since: SINCE } }],
];

/** Records → typed columns and CSV rows (nested objects become `parent.child` columns, lists JSON text). */
const TABLES = `
const settings = $('Settings').first().json;
const reports = ${JSON.stringify(REPORTS.map(([name]) => name))};
const text = (value) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
function table(records) {
	const objects = new Map();
	for (const record of records) {
		for (const [key, value] of Object.entries(record)) {
			if (value && typeof value === 'object' && !Array.isArray(value)) {
				const keys = objects.get(key) ?? new Set();
				Object.keys(value).forEach((k) => keys.add(k));
				objects.set(key, keys);
			}
		}
	}
	const names = [];
	const cells = [];
	for (const record of records) {
		for (const key of Object.keys(record)) {
			if (objects.has(key)) for (const sub of objects.get(key)) names.includes(key + '.' + sub) || names.push(key + '.' + sub);
			else names.includes(key) || names.push(key);
		}
	}
	for (const record of records) {
		cells.push(names.map((name) => {
			const dot = name.indexOf('.');
			if (dot > 0 && objects.has(name.slice(0, dot))) return text(record[name.slice(0, dot)]?.[name.slice(dot + 1)]);
			return text(record[name]);
		}));
	}
	const typeOf = (values) => {
		const set = values.filter((v) => v !== '');
		if (set.length === 0) return 'STRING';
		if (set.every((v) => /^-?\\d{1,15}$/.test(v))) return 'LONG';
		if (set.every((v) => /^-?\\d+(\\.\\d+)?$/.test(v))) return 'DECIMAL';
		if (set.every((v) => /^\\d{4}-\\d{2}-\\d{2}$/.test(v))) return 'DATE';
		if (set.every((v) => /^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$/.test(v))) return 'DATETIME';
		return 'STRING';
	};
	const columns = names.map((name, i) => ({ name, type: typeOf(cells.map((row) => row[i])) }));
	return { columns, cells };
}
const cell = (value) => (/[",\\r\\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value);
const csvOf = (cells) => cells.map((row) => row.map(cell).join(',') + '\\n').join('');
`;

/** How the connector's DataSet and a fresh export are compared: values by column type, rows in any order. */
const COMPARE = `
function parseCsv(text) {
	const rows = [];
	let row = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"' && field === '') quoted = true;
		else if (c === ',') { row.push(field); field = ''; }
		else if (c === '\\n' || c === '\\r') {
			if (c === '\\r' && text[i + 1] === '\\n') i++;
			row.push(field); rows.push(row); row = []; field = '';
		} else field += c;
	}
	if (field !== '' || row.length) { row.push(field); rows.push(row); }
	return rows;
}
const normal = (value, type) => {
	if (value === '') return '';
	if (type === 'LONG' || type === 'DECIMAL' || type === 'DOUBLE') return String(Number(value));
	if (type === 'DATETIME') return new Date(/Z|[+-]\\d{2}:?\\d{2}$/.test(value) ? value : value + 'Z').toISOString();
	return value;
};
const rowsOf = (csv, columns) => parseCsv(csv).map((row) => row.map((v, i) => normal(v, columns[i]?.type)).join('\\u0001')).sort();
`;

export function buildDomo() {
	const wf = new Workflow('exDomoDatasets01', 'Harvest → Domo: the HarvestApp connector\'s reports as DataSets');

	wf.add(
		sticky('About this workflow', [-0.3, -2.5], [760, 420], [
			'## Harvest → Domo DataSets',
			'Domo\'s HarvestApp connector, step by step. Every day at 6:00 (or **Export now**):',
			'1. Each of the connector\'s 17 reports (clients, contacts, expenses, projects, roles, tasks, task and user assignments, time entries, users, project assignments of every user, company, expense categories, invoices, invoice item categories, and the messages and payments of every invoice) is read from Harvest: the records **updated since** the date in **Settings** (default: all).',
			'2. The records become typed columns (numbers, dates, date-times, text; nested objects as `client.name`…).',
			'3. Each report is one DataSet named *Harvest: <report>*, created on the first run. It is replaced only when its rows or columns differ from what Domo holds, so unchanged data makes no new version; deleted Harvest records leave the DataSet.',
			'',
			'**For production:** in **Settings** set *domoUrl* to `https://api.domo.com`; in the Domo nodes pick an **OAuth2 API** credential with grant type *Client Credentials*, token URL `https://api.domo.com/oauth/token`, scope `data` and your Domo client ID and secret; pick your Harvest credential; adjust the schedule and *updatedSince*.',
		].join('\n')),
	);

	const daily = wf.add(schedule('Every day at 6:00', [0, 0], { field: 'days', daysInterval: 1, triggerAtHour: 6 }));
	const now = wf.add(manual('Export now', [0, 1]));
	const settings = wf.add(
		set('Settings', [1, 0.5], {
			domoUrl: ['string', `${STAND_IN_ORIGIN}/domo`],
			datasetPrefix: ['string', 'Harvest: '],
			updatedSince: ['string', '2000-01-01T00:00:00Z'],
		}),
	);
	wf.connect(daily, settings);
	wf.connect(now, settings);

	const datasets = wf.add(
		http(
			'Domo DataSets',
			[2, 0.5],
			'domo',
			{
				url: `={{ ${S}.domoUrl }}/v1/datasets`,
				query: { limit: '50', nameLike: `={{ ${S}.datasetPrefix }}` },
				pagination: parameterPagination('qs', 'offset', '$pageCount * 50', '$response.body.length < 50'),
			},
			{ executeOnce: true, alwaysOutputData: true },
		),
	);
	wf.chain(settings, datasets);

	// The reports, read one after another (each once), in rows of five.
	let previous = datasets;
	REPORTS.forEach(([name, resource, operation, parameters], i) => {
		const node = wf.add(harvest(name, [3 + (i % 5), Math.floor(i / 5) * 0.9], resource, operation, parameters, { executeOnce: true, alwaysOutputData: true }));
		wf.connect(previous, node);
		previous = node;
	});

	const plan = wf.add(
		code('DataSets to write', [3, 4.2], `${TABLES}
const existing = new Map($('Domo DataSets').all().map((item) => item.json).filter((d) => d.id).map((d) => [d.name, d]));
const out = [];
for (const report of reports) {
	const records = $(report).all().map((item) => item.json).filter((record) => Object.keys(record).length > 0);
	const name = settings.datasetPrefix + report;
	const dataset = existing.get(name);
	if (records.length === 0 && !dataset) continue;
	const { columns, cells } = records.length ? table(records) : { columns: dataset.schema.columns, cells: [] };
	const columnsOf = (list) => list.map((c) => c.name + ':' + c.type).join(',');
	const schemaChanged = !!dataset && columnsOf(dataset.schema.columns) !== columnsOf(columns);
	out.push({ json: { name, datasetId: dataset?.id ?? null, schema: { columns }, schemaChanged, csv: csvOf(cells), rows: cells.length } });
}
return out;`),
	);
	wf.connect(previous, plan);

	const isNew = wf.add(ifTrue('New DataSet?', [4, 4.2], '!$json.datasetId'));
	const create = wf.add(
		http('Create DataSet', [5, 3.9], 'domo', {
			method: 'POST',
			url: `={{ ${S}.domoUrl }}/v1/datasets`,
			json: "{ name: $json.name, description: 'Harvest data, kept by n8n', rows: 0, schema: $json.schema }",
		}),
	);
	const current = wf.add(http('Rows in Domo', [5, 4.6], 'domo', { url: `={{ ${S}.domoUrl }}/v1/datasets/{{ $json.datasetId }}/data`, query: { includeHeader: 'false' }, text: true }));
	const compare = wf.add(
		code(
			'Compare with Domo',
			[6, 4.6],
			`${COMPARE}
const planned = $('DataSets to write').item.json;
const same = !planned.schemaChanged && JSON.stringify(rowsOf($json.data ?? '', planned.schema.columns)) === JSON.stringify(rowsOf(planned.csv, planned.schema.columns));
return { json: { ...planned, changed: !same } };`,
			{ eachItem: true },
		),
	);
	const changed = wf.add(keep('Changed?', [7, 4.6], '$json.changed'));
	const schemaChanged = wf.add(ifTrue('Columns changed?', [8, 4.6], '$json.schemaChanged'));
	const updateSchema = wf.add(
		http('Update DataSet columns', [9, 4.4], 'domo', { method: 'PUT', url: `={{ ${S}.domoUrl }}/v1/datasets/{{ $json.datasetId }}`, json: '{ schema: $json.schema }' }),
	);
	const upload = wf.add(
		http('Import rows', [10, 4.2], 'domo', {
			method: 'PUT',
			url: `={{ ${S}.domoUrl }}/v1/datasets/{{ $('DataSets to write').item.json.datasetId ?? $json.id }}/data`,
			query: { updateMethod: 'REPLACE' },
			raw: { contentType: 'text/csv', body: "={{ $('DataSets to write').item.json.csv }}" },
		}),
	);
	wf.connect(plan, isNew);
	wf.connect(isNew, create, 0);
	wf.connect(isNew, current, 1);
	wf.chain(create, upload);
	wf.chain(current, compare, changed, schemaChanged);
	wf.connect(schemaChanged, updateSchema, 0);
	wf.connect(schemaChanged, upload, 1);
	wf.chain(updateSchema, upload);

	return wf.toJSON();
}
