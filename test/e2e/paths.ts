// Where the e2e tier reads and writes. Nothing here is an absolute machine path: all derive from the repo.
import fs from 'fs';
import os from 'os';
import path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const e2eDir = __dirname;
export const workflowsDir = path.join(e2eDir, 'workflows');
export const examplesDir = path.join(e2eDir, 'examples');
/** Screenshots and logs kept after a run (gitignored). */
export const artifactsDir = path.join(e2eDir, 'artifacts');
export const packageName = 'n8n-nodes-harvestapp';

/** A fresh scratch folder for one run (n8n user folder, tarball, credential files with tokens). */
export function makeWorkDir(prefix = 'harvestapp-e2e-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function resetArtifacts(): void {
	fs.rmSync(artifactsDir, { recursive: true, force: true });
	fs.mkdirSync(artifactsDir, { recursive: true });
}
