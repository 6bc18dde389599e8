// The CLI path people script with: `n8n import:workflow` then `n8n execute --id`, each its own process,
// run beside the live server on the same database.
import assert from 'assert/strict';
import path from 'path';
import fs from 'fs';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { nodeError, nodeItems } from '../n8n';
import { workflowsDir } from '../paths';
import { loadFixture, withCredentialIds } from '../workflows';

const CLI_ID = 'e2eCliCustomCall';

export const cliCases: Array<Case<E2EContext>> = [
	{
		name: 'cli: `n8n import:workflow` + `n8n execute --id` run the custom API call GET /users/me',
		lane: 'cli',
		run: async ({ n8n, sandbox, credentialIds, workDir }) => {
			const workflow = withCredentialIds(loadFixture(workflowsDir, 'custom-call.json'), credentialIds);
			const file = path.join(workDir, 'cli-workflow.json');
			fs.writeFileSync(file, JSON.stringify({ ...workflow, id: CLI_ID, name: 'e2e: CLI custom call' }));
			await n8n.importWorkflowFile(file);
			const before = Math.max(0, ...(await sandbox.requests()).map((r) => Number(r.seq)));
			const result = await n8n.execute(CLI_ID);
			if (result.status !== 'success') {
				// Say whether the request reached the sandbox at all, to tell n8n-side failures from API ones.
				const seen = (await sandbox.requests()).filter((r) => Number(r.seq) > before && r.path === '/v2/users/me');
				assert.fail(`${nodeError(result, 'Who am I') ?? result.error?.message}; sandbox saw: ${JSON.stringify(seen.map((r) => r.status))}`);
			}
			const [me] = nodeItems(result, 'Who am I');
			const expected = await sandbox.get<{ id: number; email: string }>('/users/me');
			assert.equal(me?.id, expected.id);
			assert.equal(me?.email, expected.email);
		},
	},
];
