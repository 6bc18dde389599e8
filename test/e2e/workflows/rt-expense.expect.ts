import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtExpense0001',
	title: 'expense',
	collection: '/expenses',
	created: { total_cost: 42.5, notes: 'e2e expense' },
	updated: { total_cost: 50, notes: 'e2e expense (edited)' },
});
