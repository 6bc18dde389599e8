import { nodeItems } from '../n8n';
import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtTaskAssign1',
	title: 'task assignment (on a new project and task, removed afterwards)',
	collection: (result) => `/projects/${nodeItems(result, 'New project')[0]?.id}/task_assignments`,
	created: { hourly_rate: 80, billable: true },
	updated: { hourly_rate: 95 },
});
