// `npm run release` in a scratch git repository holding this package's manifest, lockfile, changelog and script:
// what it writes, what it tags, and what it refuses. Dates are passed in, so nothing depends on today.
import assert from 'assert/strict';
import { spawnSync } from 'child_process';
import fs from 'fs';
import path from 'path';

import type { Case } from '../e2e/harness';
import { repoRoot } from '../e2e/paths';
import type { VerificationContext } from './context';

/** The nodes' User-Agent carries the version as a constant (they cannot read package.json at run time). */
const USER_AGENT_FILE = path.join('nodes', 'shared', 'transport', 'connection.ts');
const userAgentVersion = (dir: string) => /export const PACKAGE_VERSION = '([^']*)';/.exec(read(dir, USER_AGENT_FILE))?.[1];
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

function sh(cwd: string, command: string, args: string[]) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
	return { code: result.status ?? 1, out: `${result.stdout}${result.stderr}` };
}

function scratchRepo(dir: string): string {
	for (const file of ['package.json', 'package-lock.json', 'CHANGELOG.md', path.join('scripts', 'release.js'), USER_AGENT_FILE]) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.copyFileSync(path.join(repoRoot, file), path.join(dir, file));
	}
	for (const args of [['init', '-q', '-b', 'main'], ['config', 'user.name', 'Release Test'], ['config', 'user.email', 'release@example.invalid'], ['add', '.'], ['commit', '-q', '-m', 'start']]) {
		assert.equal(sh(dir, 'git', args).code, 0, `git ${args.join(' ')}`);
	}
	return dir;
}

const release = (dir: string, ...args: string[]) => sh(dir, process.execPath, ['scripts/release.js', ...args]);
const version = (dir: string, file: string) => (JSON.parse(read(dir, file)) as { version: string }).version;

function unreleasedNotes(changelog: string): string {
	const start = changelog.indexOf('## [Unreleased]') + '## [Unreleased]'.length;
	const end = changelog.slice(start).search(/^## \[|^\[/m);
	return changelog.slice(start, start + end).trim();
}

export const releaseCases: Array<Case<VerificationContext>> = [
	{
		name: 'release: CHANGELOG.md follows Keep a Changelog; one semantic version in package.json, the lockfile and the User-Agent',
		run: async () => {
			const changelog = read(repoRoot, 'CHANGELOG.md');
			assert.match(changelog, /^# Changelog\n/);
			assert.match(changelog, /keepachangelog\.com/);
			assert.match(changelog, /^## \[Unreleased\]$/m);
			for (const heading of changelog.match(/^## \[(?!Unreleased).*$/gm) ?? []) {
				assert.match(heading, /^## \[\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?\] - \d{4}-\d{2}-\d{2}$/, heading);
			}
			for (const heading of changelog.match(/^### .*$/gm) ?? []) {
				assert.match(heading, /^### (Added|Changed|Deprecated|Removed|Fixed|Security)$/, heading);
			}
			assert.match(version(repoRoot, 'package.json'), /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
			assert.equal(version(repoRoot, 'package-lock.json'), version(repoRoot, 'package.json'));
			assert.equal(userAgentVersion(repoRoot), version(repoRoot, 'package.json'), 'the User-Agent names another version');
		},
	},
	{
		name: 'release: the script dates the notes, bumps the version, commits and tags; the publish check agrees',
		run: async ({ scratch }) => {
			const dir = scratchRepo(scratch('release'));
			const current = version(dir, 'package.json');
			const notes = unreleasedNotes(read(dir, 'CHANGELOG.md'));
			assert.ok(notes, 'CHANGELOG.md has notes under Unreleased');

			// First release: the current version, which has no tag yet.
			let result = release(dir, current, '--date', '2026-01-02');
			assert.equal(result.code, 0, result.out);
			let changelog = read(dir, 'CHANGELOG.md');
			assert.equal(unreleasedNotes(changelog), '', 'Unreleased is empty after a release');
			assert.ok(changelog.includes(`## [${current}] - 2026-01-02\n\n${notes}`), 'the notes moved under the new version');
			assert.match(changelog, new RegExp(`^\\[${current.replace(/\./g, '\\.')}\\]: https://github\\.com/.+/releases/tag/v${current}$`, 'm'));
			assert.equal(sh(dir, 'git', ['tag', '--list']).out.trim(), `v${current}`);
			assert.equal(sh(dir, 'git', ['log', '-1', '--format=%s']).out.trim(), `Release ${current}`);
			assert.equal(sh(dir, 'git', ['status', '--porcelain']).out, '', 'everything committed');

			// Nothing new to release, and a dirty tree: both refused, nothing changed.
			result = release(dir, 'patch', '--date', '2026-01-03');
			assert.notEqual(result.code, 0);
			assert.match(result.out, /Unreleased.*empty/);
			fs.appendFileSync(path.join(dir, 'package.json'), ' ');
			assert.match(release(dir, 'patch').out, /uncommitted changes/);
			sh(dir, 'git', ['checkout', 'package.json']);

			// A patch release with new notes.
			fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), read(dir, 'CHANGELOG.md').replace('## [Unreleased]\n', '## [Unreleased]\n\n### Fixed\n\n- A fix.\n'));
			sh(dir, 'git', ['commit', '-qam', 'notes']);
			assert.match(release(dir, current).out, /exists already/);
			result = release(dir, 'patch', '--date', '2026-02-03');
			assert.equal(result.code, 0, result.out);
			const [major, minor, patch] = current.split('.').map(Number);
			const next = `${major}.${minor}.${patch + 1}`;
			assert.equal(version(dir, 'package.json'), next);
			assert.equal(version(dir, 'package-lock.json'), next);
			assert.equal(userAgentVersion(dir), next, 'the User-Agent the nodes send');
			changelog = read(dir, 'CHANGELOG.md');
			assert.ok(changelog.includes(`## [${next}] - 2026-02-03\n\n### Fixed\n\n- A fix.`));
			assert.match(changelog, new RegExp(`^\\[Unreleased\\]: .+/compare/v${next}\\.\\.\\.HEAD$`, 'm'));
			assert.match(changelog, new RegExp(`^\\[${next.replace(/\./g, '\\.')}\\]: .+/compare/v${current}\\.\\.\\.v${next}$`, 'm'));
			assert.ok(changelog.indexOf(`## [${next}]`) < changelog.indexOf(`## [${current}]`), 'newest first');
			assert.equal(sh(dir, 'git', ['tag', '--list']).out.trim().split('\n').sort().join(), [`v${current}`, `v${next}`].sort().join());

			// The publish workflow's check: the tag must name package.json's version, with a changelog section.
			assert.equal(release(dir, '--verify-tag', `v${next}`).code, 0);
			assert.notEqual(release(dir, '--verify-tag', `v${current}`).code, 0);
			assert.match(release(dir, '1.0').out, /neither patch, minor, major nor a version/);
			assert.match(release(dir, current).out, /does not come after|exists already/);
		},
	},
];
