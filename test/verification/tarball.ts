// What `npm publish` would upload: only the built package and the files npm always adds.
import assert from 'assert/strict';
import fs from 'fs';
import path from 'path';

import type { Case } from '../e2e/harness';
import { repoRoot } from '../e2e/paths';
import type { VerificationContext } from './context';

const TOP_LEVEL = ['LICENSE', 'README.md', 'package.json'];

interface Manifest {
	main?: string;
	files?: string[];
	n8n: { nodes: string[]; credentials: string[] };
	dependencies?: Record<string, string>;
}

export const tarballCases: Array<Case<VerificationContext>> = [
	{
		name: 'tarball: only dist/, README.md, LICENSE and package.json; no sources, tests or maps',
		run: async ({ pack }) => {
			const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
			const stray = pack.files.filter((file) => !TOP_LEVEL.includes(file) && !file.startsWith('dist/'));
			assert.deepEqual(stray, [], `files users do not need: ${stray.join(', ')}`);
			for (const required of [...TOP_LEVEL, ...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
				assert.ok(pack.files.includes(required), `${required} missing from the tarball`);
			}
			const unwanted = pack.files.filter(
				(f) => (/\.ts$/.test(f) && !f.endsWith('.d.ts')) || /\.map$/.test(f) || /(^|\/)(test|tests|__tests__)\/|\.test\.js$/.test(f),
			);
			assert.deepEqual(unwanted, [], 'sources, source maps or tests in the tarball');
			// npm adds `main` to every tarball; n8n reads the n8n section, so the package has none.
			assert.equal(manifest.main, undefined, 'package.json main would add a file outside dist/');
			assert.deepEqual(manifest.files, ['dist'], 'package.json files');
			assert.deepEqual(Object.keys(manifest.dependencies ?? {}), [], 'runtime dependencies (n8n would have to install them)');
		},
	},
];
