// n8n's static scanner, @n8n/scan-community-package, run offline. Its command line
// (`npx @n8n/scan-community-package n8n-nodes-harvestapp`) needs the published package: it first checks the npm
// provenance statement, then downloads the attested GitHub source and the tarball from the registry. Neither
// exists before a release (and this machine has no GitHub), so these cases call the function the command line
// runs on both downloads, `analyzePackage`, with the same file patterns, on our own tarball and our own source.
// The publish workflow runs the full command line against the version it has just published.
import assert from 'assert/strict';
import fs from 'fs';
import path from 'path';
import { pathToFileURL } from 'url';

import type { Case } from '../e2e/harness';
import { repoRoot } from '../e2e/paths';
import type { VerificationContext } from './context';

interface Analysis {
	passed: boolean;
	message?: string;
	details?: string;
}

interface Scanner {
	analyzePackage: (dir: string, patterns: string[]) => Promise<Analysis>;
	/** What the scanner lints of the attested source: package.json, nodes/ and credentials/. */
	SOURCE_FILE_PATTERNS: string[];
}

/** What the scanner lints of the downloaded tarball (scanner.mjs, analyzePackageByName). */
export const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

let loaded: Promise<Scanner> | undefined;
function scanner(): Promise<Scanner> {
	const file = path.join(repoRoot, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
	loaded ??= import(pathToFileURL(file).href) as Promise<Scanner>;
	return loaded;
}

function assertPassed(result: Analysis, leg: string): void {
	assert.equal(result.passed, true, `${leg}: ${result.message}\n${result.details ?? ''}`);
	// "No files found to analyze" also counts as passed; it must not happen here.
	assert.equal(result.message, undefined, `${leg}: ${result.message}`);
}

export const scannerCases: Array<Case<VerificationContext>> = [
	{
		name: 'scanner: the tarball leg (every .js file and package.json) passes',
		timeoutMs: 10 * 60_000,
		run: async ({ unpacked }) => {
			const { analyzePackage } = await scanner();
			assertPassed(await analyzePackage(unpacked, TARBALL_PATTERNS), 'tarball leg');
		},
	},
	{
		name: 'scanner: the source leg (package.json, nodes/, credentials/) passes',
		timeoutMs: 10 * 60_000,
		run: async () => {
			const { analyzePackage, SOURCE_FILE_PATTERNS } = await scanner();
			assert.deepEqual(SOURCE_FILE_PATTERNS, ['package.json', '{nodes,credentials}/**/*.{js,ts,json}']);
			assertPassed(await analyzePackage(repoRoot, SOURCE_FILE_PATTERNS), 'source leg');
		},
	},
	{
		// The legs above pass; this shows the same call fails a package that breaks a rule, so a pass means something.
		name: 'scanner: the same analysis fails compiled code that reads process.env (control)',
		run: async ({ scratch, unpacked }) => {
			const { analyzePackage } = await scanner();
			const dir = scratch('scanner-control');
			fs.copyFileSync(path.join(unpacked, 'package.json'), path.join(dir, 'package.json'));
			fs.mkdirSync(path.join(dir, 'dist', 'nodes'), { recursive: true });
			fs.writeFileSync(path.join(dir, 'dist', 'nodes', 'helper.js'), 'exports.region = () => process.env.CONTROL_REGION;\n');
			const result = await analyzePackage(dir, TARBALL_PATTERNS);
			assert.equal(result.passed, false, 'the scanner accepted process.env');
			assert.match(result.details ?? '', /no-restricted-globals/);
		},
	},
];
