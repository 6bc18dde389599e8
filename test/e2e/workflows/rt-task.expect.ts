import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtTask0000001',
	title: 'task',
	collection: '/tasks',
	created: { name: 'e2e Task', default_hourly_rate: 90 },
	updated: { name: 'e2e Task (renamed)', default_hourly_rate: 90 },
});
