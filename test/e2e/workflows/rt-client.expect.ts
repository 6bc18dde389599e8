import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtClient00001',
	title: 'client',
	collection: '/clients',
	created: { name: 'e2e Client', currency: 'EUR', is_active: true },
	updated: { name: 'e2e Client (renamed)', currency: 'EUR' },
});
