// The smoke's workflows, built per n8n version so that the records each one creates carry its version's name
// (the versions share one sandbox). Plain node JSON, as the editor would save it.
const ACTION = 'n8n-nodes-harvestapp.harvestApp';
const TRIGGER = 'n8n-nodes-harvestapp.harvestAppTrigger';

export const TRIGGER_NODE = 'Harvest App Trigger';

type Credential = { id: string; name: string };

function manualWorkflow(id: string, name: string, node: Record<string, unknown>) {
	return {
		id,
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}-s`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: `${id}-h`, typeVersion: 1, position: [240, 0], ...node },
		],
		connections: { Start: { main: [[{ node: String(node.name), type: 'main', index: 0 }]] } },
	};
}

/** One action: create a client (named after the n8n version). */
export function createClientWorkflow(id: string, credential: Credential, clientName: string) {
	return manualWorkflow(id, `smoke: create client`, {
		name: 'Create Client',
		type: ACTION,
		parameters: { authentication: 'accessToken', resource: 'client', operation: 'create', name: clientName, additionalFields: {} },
		credentials: { harvestAppApi: credential },
	});
}

/** The Custom API Call: GET /users/me. */
export function customCallWorkflow(id: string, credential: Credential) {
	return manualWorkflow(id, 'smoke: custom API call', {
		name: 'Who Am I',
		type: ACTION,
		parameters: { authentication: 'accessToken', resource: 'customApiCall', operation: 'request', method: 'GET', path: '/users/me' },
		credentials: { harvestAppApi: credential },
	});
}

/**
 * The trigger watching new clients, polled every 5 s once activated (n8n refuses sub-minute cron expressions,
 * but accepts several fixed-second poll times). Start From makes the first poll report clients created since
 * then, so a test need not know when that poll ran.
 */
export function triggerWorkflow(id: string, credential: Credential, startFrom: string) {
	const pollTimes = { item: Array.from({ length: 12 }, (_, i) => ({ mode: 'custom', cronExpression: `${i * 5} * * * * *` })) };
	return {
		id,
		name: 'smoke: new clients',
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		nodes: [
			{
				id: `${id}-t`,
				name: TRIGGER_NODE,
				type: TRIGGER,
				typeVersion: 1,
				position: [0, 0],
				parameters: { authentication: 'accessToken', resource: 'client', event: 'new', limit: 50, options: { startFrom }, pollTimes },
				credentials: { harvestAppApi: credential },
			},
			{ id: `${id}-n`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [260, 0], parameters: {} },
		],
		connections: { [TRIGGER_NODE]: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	};
}
