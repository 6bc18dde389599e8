// n8n's node tool (`n8n-node`, package @n8n/node-cli) over this package: its lint in strict mode with its
// default config (what makes a package eligible for n8n Cloud), and its build compared with ours (gulp + tsc).
import assert from 'assert/strict';
import fs from 'fs';
import path from 'path';

import { repoRoot } from '../e2e/paths';
import { run } from '../e2e/proc';
import type { Case } from '../e2e/harness';
import { listFiles, stagePackageSources } from './scope';
import type { VerificationContext } from './context';

const nodeCliDir = path.join(repoRoot, 'node_modules', '@n8n', 'node-cli');
const n8nNodeBin = path.join(nodeCliDir, 'bin', 'n8n-node.mjs');
/** The config `n8n-node new` writes and strict mode insists on. */
const defaultEslintConfig = path.join(nodeCliDir, 'dist', 'template', 'templates', 'shared', 'default', 'eslint.config.mjs');

interface Manifest {
	n8n: { strict?: boolean; nodes: string[]; credentials: string[] };
}

function manifest(dir = repoRoot): Manifest {
	return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

async function n8nNode(args: string[], cwd: string) {
	// The tool prints with colours and spinners; plain text keeps failure messages readable.
	const result = await run(process.execPath, [n8nNodeBin, ...args], {
		cwd,
		env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', CI: 'true' },
		timeoutMs: 10 * 60_000,
	});
	return { ...result, output: (result.stdout + result.stderr).replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '') };
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The one module our build rewrites after tsc (scripts/freeze-description.js), the data file it adds beside it,
 * and how it writes both.
 */
const FROZEN_PROPERTIES = 'nodes/HarvestApp/properties.js';
const { frozenFiles, DATA } = require(path.join(repoRoot, 'scripts', 'freeze-description.js')) as {
	frozenFiles: (built: unknown) => { data: string; module: string };
	DATA: string;
};
const FROZEN_DATA = path.posix.join(path.posix.dirname(FROZEN_PROPERTIES), DATA);

export const nodeCliCases: Array<Case<VerificationContext>> = [
	{
		name: 'n8n-node lint: strict mode, n8n\'s default config, over the published sources',
		timeoutMs: 10 * 60_000,
		run: async ({ scratch }) => {
			assert.equal(manifest().n8n.strict, true, 'package.json n8n.strict must be true (n8n Cloud eligibility)');
			assert.equal(
				normalise(fs.readFileSync(path.join(repoRoot, 'eslint.config.mjs'), 'utf8')),
				normalise(fs.readFileSync(defaultEslintConfig, 'utf8')),
				'eslint.config.mjs must be exactly the config `n8n-node new` writes, or strict mode refuses to lint',
			);
			const dir = stagePackageSources(scratch('lint'));
			const result = await n8nNode(['lint'], dir);
			assert.doesNotMatch(result.output, /Strict mode violation/, result.output);
			assert.equal(result.code, 0, `n8n-node lint failed:\n${result.output.slice(-6000)}`);
		},
	},
	{
		// Without this, a scope that silently held no source files would "pass" the case above.
		name: 'n8n-node lint: the same scope fails a node that reads process.env (control)',
		timeoutMs: 5 * 60_000,
		run: async ({ scratch }) => {
			const dir = stagePackageSources(scratch('lint-control'), ['package.json', 'tsconfig.json', 'eslint.config.mjs']);
			fs.mkdirSync(path.join(dir, 'nodes', 'Control'), { recursive: true });
			fs.writeFileSync(
				path.join(dir, 'nodes', 'Control', 'helper.ts'),
				'export const region = (): string => process.env.CONTROL_REGION ?? "eu";\n',
			);
			const result = await n8nNode(['lint'], dir);
			assert.notEqual(result.code, 0, 'n8n-node lint accepted process.env in nodes/');
			assert.match(result.output, /no-restricted-globals/, result.output.slice(-3000));
		},
	},
	{
		name: 'n8n-node build: the same dist/ as ours (every file; code and icons byte for byte, the frozen fields as their data)',
		timeoutMs: 10 * 60_000,
		run: async ({ scratch }) => {
			const ours = path.join(repoRoot, 'dist');
			assert.ok(fs.existsSync(ours), 'dist/ is missing: run `npm run build` first');
			const dir = stagePackageSources(scratch('build'));
			const result = await n8nNode(['build'], dir);
			assert.equal(result.code, 0, `n8n-node build failed:\n${result.output.slice(-4000)}`);
			const theirs = path.join(dir, 'dist');
			const files = listFiles(ours);
			assert.deepEqual(
				files.filter((file) => file !== FROZEN_DATA),
				listFiles(theirs),
				'file layout differs from n8n-node build (beyond the frozen fields)',
			);
			for (const file of files) {
				if (file === FROZEN_DATA) continue;
				const a = fs.readFileSync(path.join(ours, file));
				const b = fs.readFileSync(path.join(theirs, file));
				// tsc re-indents the codex JSON it emits, gulp copies it verbatim: compare what n8n reads.
				if (file.endsWith('.json')) assert.deepEqual(JSON.parse(a.toString()), JSON.parse(b.toString()), `${file} differs`);
				else if (file === FROZEN_PROPERTIES) {
					// Our build then turns the node's field builders into plain data: module and data file must be
					// exactly the frozen form of what n8n-node build's module exports.
					const frozen = frozenFiles((require(path.join(theirs, file)) as { built: unknown }).built);
					assert.equal(a.toString(), frozen.module, `${file} is not the frozen form of n8n-node build's`);
					assert.equal(fs.readFileSync(path.join(ours, FROZEN_DATA), 'utf8'), frozen.data, `${FROZEN_DATA} is not the data of n8n-node build's ${file}`);
				} else assert.ok(a.equals(b), `${file} differs from n8n-node build's`);
			}
			// What n8n loads from the layout: every node and credential named in package.json, each node's codex.
			const { n8n } = manifest();
			for (const entry of [...n8n.nodes, ...n8n.credentials]) {
				assert.ok(files.includes(entry.replace(/^dist\//, '')), `${entry} (package.json n8n section) is not built`);
			}
			for (const node of n8n.nodes) {
				const codex = node.replace(/^dist\//, '').replace(/\.js$/, '.json');
				assert.ok(files.includes(codex), `codex ${codex} missing`);
				const name = path.basename(node, '.node.js');
				const parsed = JSON.parse(fs.readFileSync(path.join(ours, codex), 'utf8')) as { node: string };
				assert.equal(parsed.node, `n8n-nodes-harvestapp.${name[0].toLowerCase()}${name.slice(1)}`, `${codex} names another node`);
			}
		},
	},
];
