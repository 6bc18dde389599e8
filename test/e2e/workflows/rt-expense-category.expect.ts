import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtExpenseCat1',
	title: 'expense category',
	collection: '/expense_categories',
	created: { name: 'e2e Mileage', unit_name: 'km', unit_price: 0.3 },
	updated: { name: 'e2e Mileage (renamed)', unit_name: 'km' },
});
