import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtUser0000001',
	title: 'user',
	collection: '/users',
	created: { first_name: 'Robin', last_name: 'Example', email: 'robin.e2e@example.com' },
	updated: { first_name: 'Robin', last_name: 'Renamed', weekly_capacity: 108000 },
});
