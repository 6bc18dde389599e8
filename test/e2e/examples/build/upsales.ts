/**
 * Upsales (guide 003), both directions: time tracked in Harvest becomes an opportunity in Upsales (one product
 * row: the uninvoiced hours at the project's rates), kept up to date while it is open; an opportunity moved to
 * 100 % marks its Harvest project invoiced (the time is invoiced and the project archived, so no more time is
 * tracked there).
 */
import { byId, code, harvest, http, ifTrue, manual, parameterPagination, schedule, set, STAND_IN_ORIGIN, sticky, Workflow } from './workflow';

const S = "$('Settings').first().json";

/** An Upsales list, every page of 1000 (one item per page, `{metadata, data}`). */
function upsalesList(name: string, at: [number, number], path: string, filters: Record<string, string> = {}) {
	return http(
		name,
		at,
		'upsales',
		{
			url: `={{ ${S}.upsalesUrl }}${path}`,
			query: { ...filters, limit: '1000' },
			pagination: parameterPagination('qs', 'offset', '$pageCount * 1000', '$response.body.data.length < 1000'),
		},
		{ executeOnce: true },
	);
}

const HELPERS = `
const settings = $('Settings').first().json;
const upsales = (node) => ($(node).isExecuted ? $(node).all().flatMap((page) => (Array.isArray(page.json.data) ? page.json.data : [page.json.data])) : []);
const projectOf = (order) => (order.custom ?? []).find((c) => c.fieldId === settings.projectFieldId)?.value;
const harvestRecords = (node) => $(node).all().map((item) => item.json).filter((record) => record.id !== undefined || record.project_id !== undefined);
const activeProjects = new Map(harvestRecords('Active Harvest projects').map((p) => [String(p.id), p]));
// Uninvoiced time of active projects: the hours and their amount at the project's rates (expenses left out).
const tracked = harvestRecords('Uninvoiced time')
	.filter((row) => activeProjects.has(String(row.project_id)))
	.map((row) => ({ ...row, time_amount: Math.round((row.uninvoiced_amount - row.uninvoiced_expenses) * 100) / 100 }));
`;

export function buildUpsales() {
	const wf = new Workflow('exUpsalesSync001', 'Harvest ⇄ Upsales: opportunities from tracked time, won deals invoiced');

	wf.add(
		sticky('About this workflow', [-0.3, -2.7], [760, 440], [
			'## Harvest ⇄ Upsales',
			'The Upsales Harvest app, step by step. Every 15 minutes (or **Sync now**):',
			'1. **Tracked time → opportunity.** Each active Harvest project with uninvoiced time gets one opportunity in Upsales: its client as the company (created when missing), the default user and stage (*Verbal Agreement*), and **one product row: the uninvoiced hours, priced by the project\'s rates in Harvest**. While it is open, the row follows the time tracked (and deleted) in Harvest. The project is linked by the order custom field *Harvest project ID*.',
			'2. **Won deal → project invoiced.** When an opportunity is moved to **100 %**, the project\'s uninvoiced time and expenses become a Harvest invoice and the project is archived with a note, so no more time is tracked on it.',
			'Orders at 100 % or 0 % are never changed.',
			'',
			'**For production:** in **Settings** set *upsalesUrl* to `https://integration.upsales.com/api/v2` and the ids of your default user, stage, product and the *Harvest project ID* order field; in the Upsales nodes pick a **Query Auth** credential (*token* = your Upsales API key); pick your Harvest credential (invoicing must be on); adjust the schedule.',
		].join('\n')),
	);

	const every = wf.add(schedule('Every 15 minutes', [0, 0], { field: 'minutes', minutesInterval: 15 }));
	const now = wf.add(manual('Sync now', [0, 1]));
	const settings = wf.add(
		set('Settings', [1, 0.5], {
			upsalesUrl: ['string', `${STAND_IN_ORIGIN}/upsales/api/v2`],
			userId: ['number', 1],
			stageId: ['number', 3],
			productId: ['number', 1],
			projectFieldId: ['number', 11],
			trackedFrom: ['string', "={{ $today.minus({ days: 364 }).toFormat('yyyy-MM-dd') }}"],
			today: ['string', "={{ $today.toFormat('yyyy-MM-dd') }}"],
		}),
	);
	wf.connect(every, settings);
	wf.connect(now, settings);

	// Harvest's side, read once: uninvoiced time per project and the active projects.
	const uninvoiced = wf.add(
		harvest('Uninvoiced time', [2, 0], 'report', 'uninvoiced', { from: `={{ ${S}.trackedFrom }}`, to: `={{ ${S}.today }}`, returnAll: true }, { executeOnce: true, alwaysOutputData: true }),
	);
	const projects = wf.add(harvest('Active Harvest projects', [3, 0], 'project', 'getAll', { returnAll: true, filters: { is_active: true } }, { executeOnce: true, alwaysOutputData: true }));
	const accounts = wf.add(upsalesList('Upsales companies', [4, 0], '/accounts'));
	const newAccounts = wf.add(
		code('Companies to create', [5, 0], `${HELPERS}
const known = new Set(upsales('Upsales companies').map((a) => a.name.trim().toLowerCase()));
const names = [...new Set(tracked.filter((row) => row.uninvoiced_hours > 0).map((row) => row.client_name))];
return names.filter((name) => !known.has(name.trim().toLowerCase())).map((name) => ({ json: { name } }));`),
	);
	const createAccount = wf.add(http('Create Upsales company', [6, 0], 'upsales', { method: 'POST', url: `={{ ${S}.upsalesUrl }}/accounts`, json: '$json' }));
	wf.connect(settings, uninvoiced);
	wf.chain(uninvoiced, projects, accounts, newAccounts, createAccount);

	// 1. Tracked time → opportunities (created, or their product row updated while open).
	const orders = wf.add(upsalesList('Upsales orders', [2, 1.3], '/orders'));
	const plan = wf.add(
		code('Opportunities to write', [3, 1.3], `${HELPERS}
const companies = new Map([...upsales('Upsales companies'), ...upsales('Create Upsales company')].map((a) => [a.name.trim().toLowerCase(), a.id]));
const orders = new Map(upsales('Upsales orders').filter(projectOf).map((order) => [projectOf(order), order]));
const writes = [];
for (const row of tracked) {
	const hours = row.uninvoiced_hours;
	const line = { product: { id: settings.productId }, quantity: hours, price: hours > 0 ? Math.round((row.time_amount / hours) * 100) / 100 : 0 };
	const order = orders.get(String(row.project_id));
	if (!order) {
		if (hours <= 0) continue;
		writes.push({
			json: {
				action: 'create',
				body: {
					description: row.project_name,
					date: settings.today,
					user: { id: settings.userId },
					client: { id: companies.get(row.client_name.trim().toLowerCase()) },
					stage: { id: settings.stageId },
					orderRow: [line],
					custom: [{ fieldId: settings.projectFieldId, value: String(row.project_id) }],
				},
			},
		});
		continue;
	}
	// Won (100 %) and lost (0 %) orders are Upsales' own from then on.
	if (order.probability === 0 || order.probability === 100) continue;
	const [current, ...others] = order.orderRow ?? [];
	const same = current && others.length === 0 && current.product.id === line.product.id && current.quantity === line.quantity && current.price === line.price;
	if (!same) writes.push({ json: { action: 'update', id: order.id, body: { orderRow: [line] } } });
}
return writes;`),
	);
	const isNew = wf.add(ifTrue('New opportunity?', [4, 1.3], "$json.action === 'create'"));
	const create = wf.add(http('Create opportunity', [5, 0.95], 'upsales', { method: 'POST', url: `={{ ${S}.upsalesUrl }}/orders`, json: '$json.body' }));
	const update = wf.add(http('Update opportunity', [5, 1.75], 'upsales', { method: 'PUT', url: `={{ ${S}.upsalesUrl }}/orders/{{ $json.id }}`, json: '$json.body' }));
	wf.connect(settings, orders);
	wf.chain(orders, plan, isNew);
	wf.connect(isNew, create, 0);
	wf.connect(isNew, update, 1);

	// 2. Won deals → the Harvest project is invoiced and archived.
	const won = wf.add(upsalesList('Won deals', [2, 2.6], '/orders', { probability: '100' }));
	const toClose = wf.add(
		code('Projects of won deals', [3, 2.6], `${HELPERS}
const uninvoicedByProject = new Map(tracked.map((row) => [String(row.project_id), row]));
return upsales('Won deals')
	.filter((order) => order.probability === 100 && activeProjects.has(projectOf(order)))
	.map((order) => {
		const project = activeProjects.get(projectOf(order));
		const row = uninvoicedByProject.get(String(project.id));
		return { json: { orderId: order.id, projectId: project.id, clientId: project.client.id, toInvoice: !!row && row.uninvoiced_amount > 0 } };
	});`),
	);
	const anything = wf.add(ifTrue('Anything to invoice?', [4, 2.6], '$json.toInvoice'));
	const invoice = wf.add(
		harvest('Invoice the tracked time', [5, 2.25], 'invoice', 'createFromTrackedTime', {
			clientId: byId('={{ $json.clientId }}'),
			projectIds: '={{ [$json.projectId] }}',
			importTime: true,
			timeSummaryType: 'task',
			importExpenses: true,
			expenseSummaryType: 'category',
			additionalFields: { subject: "=Won in Upsales (order {{ $json.orderId }})" },
		}),
	);
	const markInvoiced = wf.add(
		harvest('Mark project invoiced', [6, 2.25], 'project', 'update', {
			projectId: byId("={{ $('Projects of won deals').item.json.projectId }}"),
			updateFields: {
				is_active: false,
				notes: "=Invoiced on {{ $today.toFormat('yyyy-MM-dd') }}: invoice {{ $json.number }} (Upsales order {{ $('Projects of won deals').item.json.orderId }})",
			},
		}),
	);
	const close = wf.add(
		harvest('Close project (nothing to invoice)', [5, 3.05], 'project', 'update', {
			projectId: byId('={{ $json.projectId }}'),
			updateFields: { is_active: false, notes: "=Won in Upsales on {{ $today.toFormat('yyyy-MM-dd') }} (order {{ $json.orderId }}); nothing left to invoice" },
		}),
	);
	wf.connect(settings, won);
	wf.chain(won, toClose, anything);
	wf.connect(anything, invoice, 0);
	wf.connect(anything, close, 1);
	wf.chain(invoice, markInvoiced);

	return wf.toJSON();
}
