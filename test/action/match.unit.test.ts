import { matchingRecords, sameValue } from '../../nodes/HarvestApp/helpers/match';

describe('matching records', () => {
	const records = [
		{ id: 1, name: 'Acme', is_active: false },
		{ id: 2, name: ' acme ', is_active: true },
		{ id: 3, first_name: 'Ada', last_name: 'Lovelace', email: 'Ada@Example.com' },
		{ id: 4, name: 'Acme Two', code: '' },
		{ id: 5, external_reference: { id: 'T-1' } },
		{ id: 6, external_reference: null },
	];

	it('ignores case and extra spaces by default, and puts active records first', () => {
		expect(matchingRecords(records, 'name', 'ACME', 'ignoreCase').map((r) => r.id)).toEqual([2, 1]);
		expect(sameValue('New  York', ' new york')).toBe(true);
	});

	it('compares every character when asked to match exactly', () => {
		expect(matchingRecords(records, 'name', 'Acme', 'exact').map((r) => r.id)).toEqual([1]);
		expect(sameValue('a', 'A', 'exact')).toBe(false);
	});

	it('reads people by first and last name, emails, and external reference ids', () => {
		expect(matchingRecords(records, 'name', 'ada lovelace', 'ignoreCase').map((r) => r.id)).toEqual([3]);
		expect(matchingRecords(records, 'email', 'ada@example.com', 'ignoreCase').map((r) => r.id)).toEqual([3]);
		expect(matchingRecords(records, 'externalReference', 'T-1', 'exact').map((r) => r.id)).toEqual([5]);
	});

	it('matches nothing for an empty value, even records whose value is empty', () => {
		expect(matchingRecords(records, 'code', '', 'exact')).toEqual([]);
		expect(matchingRecords(records, 'code', '   ', 'ignoreCase')).toEqual([]);
	});
});
