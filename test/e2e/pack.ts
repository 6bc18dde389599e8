// The package as users get it: `npm pack` of the built checkout, unpacked where n8n looks for community
// packages (<user folder>/.n8n/nodes/node_modules/<name>). Nothing is symlinked to the source tree.
import fs from 'fs';
import path from 'path';

import { runOk } from './proc';

export interface PackResult {
	tarball: string;
	/** Paths inside the tarball, relative to its package/ folder. */
	files: string[];
	name: string;
	version: string;
}

export async function packPackage(packageDir: string, destination: string): Promise<PackResult> {
	const result = await runOk('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: packageDir,
		timeoutMs: 120_000,
	});
	const json = result.stdout.slice(result.stdout.indexOf('['));
	const [info] = JSON.parse(json) as Array<{ filename: string; name: string; version: string; files: Array<{ path: string }> }>;
	return {
		tarball: path.join(destination, info.filename),
		files: info.files.map((f) => f.path).sort(),
		name: info.name,
		version: info.version,
	};
}

/** Unpacks the tarball into n8n's community package folder, replacing an older copy. */
export async function installPackage(pack: PackResult, nodesDir: string): Promise<string> {
	const target = path.join(nodesDir, pack.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	await runOk('tar', ['xzf', pack.tarball, '-C', target, '--strip-components=1']);
	const manifest = JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8')) as {
		dependencies?: Record<string, string>;
	};
	// n8n installs a package's runtime dependencies next to it; this package must not need any.
	if (manifest.dependencies && Object.keys(manifest.dependencies).length) {
		await runOk('npm', ['install', '--omit=dev', '--omit=peer', '--ignore-scripts', '--no-save'], { cwd: target });
	}
	return target;
}
