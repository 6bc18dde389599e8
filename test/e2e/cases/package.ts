// Packaging (point 6): n8n loads the package from the community folder cleanly. What the tarball holds is
// checked without n8n by the verification tier (test/verification/tarball.ts).
import assert from 'assert/strict';

import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { assertPackageRegistered, packageLogProblems } from '../packageChecks';

export const packageCases: Array<Case<E2EContext>> = [
	{
		name: 'package: n8n registers both nodes, the AI tool variant and both credentials',
		run: async ({ rest }) => assertPackageRegistered(rest, { toolVariant: true }),
	},
	{
		name: 'package: n8n log has no warnings or errors about the package',
		// After everything else, so the log covers the whole run.
		lane: 'last',
		run: async ({ serverLog }) => {
			assert.deepEqual(packageLogProblems(serverLog()), [], 'log lines about the package or about loading nodes');
		},
	},
];
