import { nodeItems } from '../n8n';
import { roundTrip } from '../cases/roundtrip';

export default roundTrip({
	workflow: 'e2eRtUserAssign1',
	title: 'user assignment (of a new user to a new project, removed afterwards)',
	collection: (result) => `/projects/${nodeItems(result, 'New project')[0]?.id}/user_assignments`,
	created: { budget: 10, is_project_manager: false },
	updated: { budget: 20 },
});
