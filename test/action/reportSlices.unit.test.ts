import { mergeSliceRows, reportSlices } from '../../nodes/HarvestApp/actions/report/slices';

describe('report slices', () => {
	it('keeps a period of up to 365 days whole and cuts longer ones into consecutive 365-day slices', () => {
		expect(reportSlices('2025-01-01', '2025-12-31')).toEqual([{ from: '2025-01-01', to: '2025-12-31' }]);
		expect(reportSlices('2025-03-05', '2025-03-05')).toEqual([{ from: '2025-03-05', to: '2025-03-05' }]);
		expect(reportSlices('2024-01-01', '2024-12-31')).toEqual([
			{ from: '2024-01-01', to: '2024-12-30' },
			{ from: '2024-12-31', to: '2024-12-31' },
		]);
		const long = reportSlices('2019-02-10', '2025-08-01');
		expect(long[0].from).toBe('2019-02-10');
		expect(long.at(-1)!.to).toBe('2025-08-01');
		for (const [i, slice] of long.entries()) {
			const days = (Date.parse(slice.to) - Date.parse(slice.from)) / 86_400_000 + 1;
			expect(days).toBeLessThanOrEqual(365);
			if (i < long.length - 1) expect(days).toBe(365);
			// No gap and no overlap: each slice starts the day after the previous one ends.
			if (i > 0) expect(Date.parse(slice.from) - Date.parse(long[i - 1].to)).toBe(86_400_000);
		}
	});

	it('adds up the figures of the same record and currency, keeps the latest names and the first-seen order', () => {
		const rows = { key: 'project_id', sums: ['total_hours', 'billable_amount'] };
		const merged = mergeSliceRows(
			[
				[
					{ project_id: 1, project_name: 'Old name', currency: 'EUR', total_hours: 0.1, billable_amount: 10 },
					{ project_id: 2, project_name: 'B', currency: 'EUR', total_hours: 1, billable_amount: null },
				],
				[
					{ project_id: 3, project_name: 'C', currency: 'USD', total_hours: 4, billable_amount: 1 },
					{ project_id: 1, project_name: 'New name', currency: 'EUR', total_hours: 0.2, billable_amount: 5.5 },
					{ project_id: 1, project_name: 'New name', currency: 'USD', total_hours: 2, billable_amount: 3 },
					{ project_id: 2, project_name: 'B', currency: 'EUR', total_hours: 1, billable_amount: 2 },
				],
			],
			rows,
		);
		expect(merged).toEqual([
			{ project_id: 1, project_name: 'New name', currency: 'EUR', total_hours: 0.3, billable_amount: 15.5 },
			{ project_id: 2, project_name: 'B', currency: 'EUR', total_hours: 2, billable_amount: 2 },
			{ project_id: 3, project_name: 'C', currency: 'USD', total_hours: 4, billable_amount: 1 },
			{ project_id: 1, project_name: 'New name', currency: 'USD', total_hours: 2, billable_amount: 3 },
		]);
	});
});
