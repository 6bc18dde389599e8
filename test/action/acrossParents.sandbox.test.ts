/**
 * Account-wide child lists against the sandbox: invoice messages, invoice payments, estimate messages and
 * project assignments of every parent that matches the parent filters, each with `parent_id`, in the parents'
 * order; Limit stops reading; the child filters reach every child request; every request is counted by the
 * account's rate governor. Also the in-order pool the fan-out uses.
 */
import type { IDataObject } from 'n8n-workflow';

import { inOrder, PARALLEL_PARENTS } from '../../nodes/HarvestApp/helpers/acrossParents';
import { budgetFor } from '../../nodes/shared/transport/governor';
import { useActionSandbox } from './support';

const env = useActionSandbox();
const { exec } = env;

/** Every child of every listed parent, read one parent at a time with the plain Get Many. */
async function oneByOne(parents: IDataObject[], resource: string, parameter: string): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (const parent of parents) {
		const records = await exec({ resource, operation: 'getAll', [parameter]: { __rl: true, mode: 'id', value: String(parent.id) }, returnAll: true });
		out.push(...records.map((r) => ({ ...r, parent_id: parent.id })));
	}
	return out;
}

describe('account-wide child lists', () => {
	it('invoice payments of every paid invoice, each with parent_id, as reading them one invoice at a time gives', async () => {
		const paid = await exec({ resource: 'invoice', operation: 'getAll', returnAll: true, filters: { state: 'paid' } });
		expect(paid.length).toBeGreaterThan(1);
		env.sandbox.log.clear();
		const payments = await exec({ resource: 'invoicePayment', operation: 'getAllAcross', returnAll: true, parentFilters: { state: 'paid' } });
		const requests = env.received();
		expect(requests[0]).toBe('GET /v2/invoices');
		expect(requests.slice(1).sort()).toEqual(paid.map((i) => `GET /v2/invoices/${i.id}/payments`).sort());
		expect(env.sandbox.log.entries()[0].query).toMatchObject({ state: 'paid' });
		expect(payments).toEqual(await oneByOne(paid, 'invoicePayment', 'invoiceId'));
		expect(payments.length).toBeGreaterThanOrEqual(paid.length);
		const stored = env.store().invoicePayments.all();
		for (const payment of payments) expect(stored.find((p) => p.id === payment.id)?.invoice_id).toBe(payment.parent_id);
	});

	it('invoice and estimate messages, with a child filter on every child request', async () => {
		const messages = await exec({ resource: 'invoiceMessage', operation: 'getAllAcross', returnAll: true, parentFilters: {} });
		expect(messages.length).toBe(env.store().invoiceMessages.size);
		env.sandbox.log.clear();
		const since = '2000-01-01T00:00:00Z';
		const estimateMessages = await exec({ resource: 'estimateMessage', operation: 'getAllAcross', returnAll: true, filters: { updated_since: since } });
		expect(estimateMessages.length).toBe(env.store().estimateMessages.size);
		const childRequests = env.sandbox.log.entries().filter((e) => e.path.endsWith('/messages'));
		expect(childRequests.length).toBe(env.store().estimates.size);
		expect(childRequests.every((e) => e.query.updated_since === since)).toBe(true);
		const byEstimate = new Map(env.store().estimateMessages.all().map((m) => [m.id, m.estimate_id]));
		expect(estimateMessages.every((m) => byEstimate.get(m.id as number) === m.parent_id)).toBe(true);
	});

	it('project assignments of every active user', async () => {
		const users = await exec({ resource: 'user', operation: 'getAll', returnAll: true, filters: { is_active: true } });
		const assignments = await exec({ resource: 'projectAssignment', operation: 'getAllAcross', returnAll: true, parentFilters: { is_active: true } });
		expect(assignments).toEqual(await oneByOne(users, 'projectAssignment', 'userId'));
		expect(new Set(assignments.map((a) => a.parent_id))).toEqual(new Set(users.filter((u) => assignments.some((a) => a.parent_id === u.id)).map((u) => u.id)));
	});

	it('stops reading parents once Limit records are there', async () => {
		const all = await exec({ resource: 'invoiceMessage', operation: 'getAllAcross', returnAll: true });
		env.sandbox.log.clear();
		const three = await exec({ resource: 'invoiceMessage', operation: 'getAllAcross', returnAll: false, limit: 3 });
		expect(three).toEqual(all.slice(0, 3));
		const childRequests = env.received().filter((r) => r.endsWith('/messages'));
		const parentsNeeded = new Set(three.map((m) => m.parent_id)).size;
		// The parents needed, plus at most the few already started beside them.
		expect(childRequests.length).toBeLessThanOrEqual(parentsNeeded + PARALLEL_PARENTS);
		expect(childRequests.length).toBeLessThan(env.store().invoices.size);
	});

	it('refuses bad parent filters before sending anything', async () => {
		const { error, sent } = await env.refusal({ resource: 'invoicePayment', operation: 'getAllAcross', returnAll: true, parentFilters: { state: 'lost' } });
		expect([error.message, sent.length]).toEqual(['The parameter "State" must be one of closed, draft, open, paid, not "lost" [item 0]', 0]);
	});
});

describe('account-wide child lists within the rate budget', () => {
	it('counts every parent and child request in the account’s rate governor', async () => {
		const messages = await exec({ resource: 'invoiceMessage', operation: 'getAllAcross', returnAll: true });
		expect(messages.length).toBe(env.store().invoiceMessages.size);
		const sent = env.sandbox.log.entries().length;
		expect(sent).toBe(env.store().invoices.size + 1);
		expect(budgetFor(`${new URL(env.sandbox.url).origin}|${env.sandbox.accountId}`).general.inWindow).toBe(sent);
	});
});

describe('inOrder', () => {
	it('runs at most N at once and yields in the items’ order', async () => {
		let running = 0;
		let most = 0;
		const work = async (n: number) => {
			running++;
			most = Math.max(most, running);
			await new Promise((resolve) => setImmediate(resolve));
			if (n % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
			running--;
			return n * 10;
		};
		const out: number[] = [];
		for await (const value of inOrder([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, work)) out.push(value);
		expect(out).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
		expect(most).toBe(3);
	});

	it('keeps at most N started beyond what was handed out, and starts nothing more once the caller stops', async () => {
		const started: number[] = [];
		const finished: number[] = [];
		const work = async (n: number) => {
			started.push(n);
			await new Promise((resolve) => setImmediate(resolve));
			finished.push(n);
			return n;
		};
		for await (const value of inOrder([1, 2, 3, 4, 5, 6], 2, work)) if (value === 2) break;
		expect(started).toEqual([1, 2, 3, 4]);
		// What was started has ended by the time the loop is left: nothing runs on behind the caller.
		expect(finished.sort()).toEqual([1, 2, 3, 4]);
	});
});
