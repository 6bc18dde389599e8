import { LOCATORS } from '../../nodes/shared/descriptions/locators';
import { node, useActionSandbox } from './support';

const env = useActionSandbox();
const ctx = () => env.loadOptions();

describe('list searches (sandbox)', () => {
	// Pickers of records that belong to another one have tests of their own (childSearch.sandbox.test.ts).
	const independent = Object.values(LOCATORS).filter((l) => !l.parent);
	it.each(independent.map((l) => [l.search, l.webPath]))('%s lists records with readable names', async (search, webPath) => {
		const { results } = await node.methods.listSearch[search].call(ctx());
		expect(results.length).toBeGreaterThan(0);
		for (const item of results) {
			expect(item.value).toMatch(/^\d+$/);
			expect(item.name).not.toMatch(/undefined|null|NaN|\[object/);
			if (webPath) expect(item.url).toMatch(new RegExp(`^https://[a-z0-9-]+\\.harvestapp\\.com/${webPath}/${item.value}$`));
		}
	});

	it('filters by the typed text', async () => {
		const all = await node.methods.listSearch.searchClients.call(ctx());
		const word = all.results[0].name.split(' ')[0];
		const some = await node.methods.listSearch.searchClients.call(ctx(), word.toUpperCase());
		expect(some.results.length).toBeGreaterThan(0);
		expect(some.results.every((r) => r.name.toLowerCase().includes(word.toLowerCase()))).toBe(true);
	});
});

describe('list searches over more than one page (sandbox)', () => {
	const big = useActionSandbox();
	const search = (filter?: string, token?: string) => node.methods.listSearch.searchClients.call(big.loadOptions(), filter, token as string);

	beforeAll(() => {
		// 2,100 newer clients push the seeded ones (Harvest lists newest first) past the first page of 2,000.
		const created = big.sandbox.mutateBatch(
			Array.from({ length: 2100 }, (_, i) => ({ resource: 'clients' as const, action: 'create' as const, fields: { name: `Bulk Client ${i}` } })),
		);
		expect(created.every((c) => c.status === 201)).toBe(true);
		// …and one seeded client is archived.
		const seeded = big.store().clients.all().filter((c) => c.is_active && !c.name.startsWith('Bulk'));
		big.sandbox.mutate({ resource: 'clients', action: 'update', id: seeded[1].id, fields: { is_active: false } });
	});

	it('finds an active client beyond the first 2,000 and an archived one, by name', async () => {
		const seeded = big.store().clients.all().filter((c) => !c.name.startsWith('Bulk'));
		const active = seeded.find((c) => c.is_active)!;
		expect(big.store().clients.all().filter((c) => c.is_active).length).toBeGreaterThan(2000);
		const archived = seeded.find((c) => !c.is_active)!;
		const found = await search(active.name.toUpperCase());
		expect(found.results.map((r) => r.value)).toContain(String(active.id));
		const old = await search(archived.name);
		expect(old.results).toContainEqual(expect.objectContaining({ name: `${archived.name} (archived)`, value: String(archived.id) }));
		// One request for the company address in this file, then none: it is kept for a while.
		expect(big.received().filter((r) => r === 'GET /v2/company').length).toBeLessThanOrEqual(1);
	});

	it('pages through every client once, active ones first, by following the tokens', async () => {
		const seen: string[] = [];
		let token: string | undefined;
		let calls = 0;
		do {
			const page = await search('', token);
			seen.push(...page.results.map((r) => `${r.name.endsWith('(archived)') ? 'archived' : 'active'} ${r.value}`));
			token = page.paginationToken as string | undefined;
			calls++;
		} while (token && calls < 10);
		const all = big.store().clients.all();
		const ids = seen.map((s) => s.split(' ')[1]);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.sort()).toEqual(all.map((c) => String(c.id)).sort());
		const firstArchived = seen.findIndex((s) => s.startsWith('archived'));
		expect(seen.slice(firstArchived).every((s) => s.startsWith('archived'))).toBe(true);
		expect(firstArchived).toBeGreaterThan(2000);
		// Two pages of active clients, then one of archived ones.
		expect(calls).toBe(3);
	});
});
