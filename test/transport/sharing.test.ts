/**
 * Rules: identical GETs that run at the same time share one request, in the editor by default (load options,
 * list searches) and elsewhere only when the caller asks (`share`); each caller gets its own copy. Workflow
 * runs, another account or token, another query, writes, or a read that starts after the first has finished
 * all send their own request.
 */
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { harvestList, harvestRequest } from '../../nodes/shared/transport';
import { readsInFlight } from '../../nodes/shared/transport/inflight';
import { API, createLoadOptionsContext, executeContext, patCredentials, recordInto, records, rejectionOf, useTransportFixture, type Seen } from './support';

const clock = useTransportFixture();

function picker(credentials = patCredentials()) {
	return createLoadOptionsContext({ parameters: {}, credentials });
}

function clientsList(log: Seen[], status = 200): void {
	nock(API)
		.persist()
		.get('/v2/clients')
		.query(true)
		.delay(30)
		.reply(recordInto(log, clock, status === 200 ? [200, { clients: records(3), total_pages: 1, links: { next: null } }] : [status, { message: 'nope' }]));
}

describe('identical reads at the same time', () => {
	it('share one request, and each caller gets its own copy of the answer', async () => {
		const log: Seen[] = [];
		clientsList(log);
		const ctx = picker();

		const [a, b, c] = await Promise.all([1, 2, 3].map(async () => await harvestRequest.call(ctx, { method: 'GET', path: '/clients', qs: { is_active: true }, share: true })));

		expect(log).toHaveLength(1);
		expect(a).toEqual(b);
		expect(b).toEqual(c);
		expect(a).not.toBe(b);
		(a.clients as IDataObject[])[0].name = 'changed by one caller';
		expect((b.clients as IDataObject[])[0].name).toBeUndefined();
		expect(readsInFlight()).toBe(0);
	});

	it('share list pages too, by default in the editor (the pickers read through harvestPages)', async () => {
		const log: Seen[] = [];
		clientsList(log);

		const lists = await Promise.all([picker(), picker()].map(async (ctx) => await harvestList.call(ctx, { path: '/clients', listKey: 'clients' })));

		expect(log).toHaveLength(1);
		expect(lists[0]).toEqual(records(3));
		expect(lists[1]).toEqual(records(3));
	});

	it('share a failure too: every caller gets the NodeApiError', async () => {
		const log: Seen[] = [];
		clientsList(log, 404);
		const ctx = picker();

		const errors = await Promise.all([1, 2].map(async () => await rejectionOf(harvestRequest.call(ctx, { method: 'GET', path: '/clients', share: true }))));

		expect(log).toHaveLength(1);
		expect(errors.every((e) => e instanceof NodeApiError)).toBe(true);
	});
});

describe('reads that do not share', () => {
	it.each([
		['editor reads that opt out', { share: false }, { share: false }, patCredentials()],
		['one that asks and one that does not', { share: true }, { share: false }, patCredentials()],
		['another query', { share: true, qs: { is_active: true } }, { share: true, qs: { is_active: false } }, patCredentials()],
		['another account', { share: true }, { share: true }, patCredentials({ accountId: '999888' })],
		['another token', { share: true }, { share: true }, patCredentials({ accessToken: 'another-token-0123456789' })],
	])('%s: two requests', async (_label, first, second, otherCredentials) => {
		const log: Seen[] = [];
		clientsList(log);

		await Promise.all([
			harvestRequest.call(picker(), { method: 'GET', path: '/clients', ...first }),
			harvestRequest.call(picker(otherCredentials), { method: 'GET', path: '/clients', ...second }),
		]);

		expect(log).toHaveLength(2);
	});

	it('workflow runs do not share unless asked to', async () => {
		const log: Seen[] = [];
		clientsList(log);

		await Promise.all([executeContext(), executeContext()].map(async (ctx) => await harvestRequest.call(ctx, { method: 'GET', path: '/clients' })));

		expect(log).toHaveLength(2);
	});

	it('a read that starts after the first one has finished sends its own request', async () => {
		const log: Seen[] = [];
		clientsList(log);
		const ctx = picker();

		await harvestRequest.call(ctx, { method: 'GET', path: '/clients', share: true });
		await harvestRequest.call(ctx, { method: 'GET', path: '/clients', share: true });

		expect(log).toHaveLength(2);
	});

	it('writes never share, even when asked to', async () => {
		const log: Seen[] = [];
		nock(API).persist().post('/v2/clients').delay(30).reply(recordInto(log, clock, [201, { id: 1 }]));
		const ctx = picker();

		await Promise.all([1, 2].map(async () => await harvestRequest.call(ctx, { method: 'POST', path: '/clients', body: { name: 'x' }, share: true })));

		expect(log).toHaveLength(2);
	});
});
