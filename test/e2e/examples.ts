// The example workflows' surroundings, shared by `npm start` and the e2e tier: the counterpart stand-ins seeded
// to match the Harvest sandbox, their n8n credentials, and the examples pointed at where the stand-ins listen.
import { startCounterparts, type Counterparts } from '../counterparts';
import { seedDemo, type DemoSeed, type HarvestPeopleAndClients } from '../counterparts/demo';
import { DEMO_APPLICATION_TOKEN } from './examples/build/bitrix24';
import { CREDENTIALS, STAND_IN_ORIGIN } from './examples/build/workflow';
import { examplesDir } from './paths';
import type { Sandbox } from './sandbox';
import { loadFixtures, type WorkflowJson } from './workflows';

export { BITRIX24_WEBHOOK_PATH, DEMO_APPLICATION_TOKEN } from './examples/build/bitrix24';

export interface ExampleWorld {
	counterparts: Counterparts;
	demo: DemoSeed;
}

/** Starts the stand-ins (on `port` when given) and seeds them with demo data that fits the sandbox's. */
export async function startExampleWorld(sandbox: Sandbox, port?: number): Promise<ExampleWorld> {
	const counterparts = await startCounterparts({ port, bitrix24ApplicationToken: DEMO_APPLICATION_TOKEN });
	try {
		const users = await sandbox.get<{ users: HarvestPeopleAndClients['users'] }>('/users?per_page=2000');
		const clients = await sandbox.get<{ clients: HarvestPeopleAndClients['clients'] }>('/clients?per_page=2000');
		return { counterparts, demo: seedDemo(counterparts, { users: users.users, clients: clients.clients }) };
	} catch (error) {
		await counterparts.close();
		throw error;
	}
}

/** The examples, with their stand-in base URLs moved to `origin` (where the stand-ins listen this time). */
export function loadExamples(origin: string): WorkflowJson[] {
	return loadFixtures(examplesDir).map((workflow) => retarget(workflow, origin));
}

export function retarget<T>(workflow: T, origin: string): T {
	return JSON.parse(JSON.stringify(workflow).split(STAND_IN_ORIGIN).join(origin)) as T;
}

/** Fixture credential id → the id n8n gave the credential, for every counterpart credential created. */
export function counterpartIds(created: Record<string, string>): Record<string, string> {
	const ids: Record<string, string> = {};
	for (const { id } of Object.values(CREDENTIALS)) if (created[id]) ids[id] = created[id];
	return ids;
}
