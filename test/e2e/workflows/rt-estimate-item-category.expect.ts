import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtEstimateCat',
	title: 'estimate item category',
	collection: '/estimate_item_categories',
	created: { name: 'e2e Workshop' },
	updated: { name: 'e2e Workshop (renamed)' },
});
