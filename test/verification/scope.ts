// The package as n8n's tools see it: the published sources (package.json, nodes/, credentials/ and the icons
// they point at) copied into a scratch folder, with the repository's node_modules linked in. n8n's own lint and
// build run there, so test/, bench/ and scripts/ (which never ship) stay out of their scope, exactly like the
// scanner's source leg, which also reads only package.json, nodes/ and credentials/.
import fs from 'fs';
import path from 'path';

import { repoRoot } from '../e2e/paths';

/** What the package is built and linted from; everything else in the repository is tooling and tests. */
export const PACKAGE_SOURCES = ['package.json', 'tsconfig.json', 'eslint.config.mjs', 'nodes', 'credentials', 'icons'];

export function stagePackageSources(target: string, sources: string[] = PACKAGE_SOURCES): string {
	fs.mkdirSync(target, { recursive: true });
	for (const entry of sources) {
		fs.cpSync(path.join(repoRoot, entry), path.join(target, entry), { recursive: true });
	}
	fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(target, 'node_modules'), 'dir');
	return target;
}

/** Every file below `dir`, as sorted paths relative to it. */
export function listFiles(dir: string): string[] {
	const out: string[] = [];
	const walk = (current: string) => {
		for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
			const full = path.join(current, entry.name);
			if (entry.isDirectory()) walk(full);
			else out.push(path.relative(dir, full).split(path.sep).join('/'));
		}
	};
	walk(dir);
	return out.sort();
}
