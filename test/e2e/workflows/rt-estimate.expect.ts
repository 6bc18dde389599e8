import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtEstimate001',
	title: 'estimate',
	collection: '/estimates',
	created: { subject: 'e2e estimate', amount: 1000, state: 'draft' },
	updated: { subject: 'e2e estimate (revised)', amount: 1000 },
});
