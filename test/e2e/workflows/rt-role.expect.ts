import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtRole0000001',
	title: 'role',
	collection: '/roles',
	created: { name: 'e2e Role' },
	updated: { name: 'e2e Role (renamed)' },
});
