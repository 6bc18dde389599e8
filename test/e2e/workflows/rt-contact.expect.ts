import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtContact0001',
	title: 'contact',
	collection: '/contacts',
	created: { first_name: 'Erin', last_name: 'Example', email: 'erin@example.com' },
	updated: { first_name: 'Erin', title: 'Buyer' },
});
