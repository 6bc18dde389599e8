import { LOCATORS } from '../../nodes/HarvestApp/descriptions/locators';
import { node, useActionSandbox } from './support';

const env = useActionSandbox();
const ctx = () => env.loadOptions();

describe('list searches (sandbox)', () => {
	it.each(Object.values(LOCATORS).map((l) => [l.search, l.webPath]))('%s lists records with readable names', async (search, webPath) => {
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
