import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtTimeEntry01',
	title: 'time entry',
	collection: '/time_entries',
	created: { hours: 1.5, notes: 'e2e time', is_running: false },
	updated: { hours: 2.25, notes: 'e2e time (edited)' },
});
