import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtProject0001',
	title: 'project',
	collection: '/projects',
	created: { name: 'e2e Project', is_billable: true, bill_by: 'Project', budget_by: 'none', hourly_rate: 120 },
	updated: { name: 'e2e Project (renamed)', notes: 'changed by n8n', hourly_rate: 120 },
});
