#!/usr/bin/env node
// `npm run release -- <patch|minor|major|X.Y.Z> [--date YYYY-MM-DD]`: makes a release commit and its tag.
//   1. refuses a dirty tree, an existing tag, a version that does not go up, and an empty "Unreleased" section;
//   2. sets the version in package.json, package-lock.json and the User-Agent the nodes send (connection.ts);
//   3. moves CHANGELOG.md's "Unreleased" notes under "## [X.Y.Z] - date" and updates the compare links;
//   4. commits "Release X.Y.Z" and makes the annotated tag vX.Y.Z.
// Nothing is pushed or published: `git push origin HEAD vX.Y.Z` starts .github/workflows/publish.yml, which runs
// every check again and publishes with provenance. The current version may be released as is when it has no tag
// yet (the first release). `--verify-tag vX.Y.Z` is the publish workflow's check that tag, package.json and
// CHANGELOG.md agree.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const file = (name) => path.join(root, name);
const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;
/** The nodes cannot read package.json at run time, so the version in their User-Agent is a constant here. */
const USER_AGENT_VERSION = { file: path.join('nodes', 'shared', 'transport', 'connection.ts'), pattern: /export const PACKAGE_VERSION = '([^']*)';/ };
const UNRELEASED = '## [Unreleased]';

function fail(message) {
	process.stderr.write(`release: ${message}\n`);
	process.exit(1);
}

function git(args, { allowFailure = false } = {}) {
	const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
	if (result.status !== 0 && !allowFailure) fail(`git ${args.join(' ')} failed: ${(result.stderr || result.stdout).trim()}`);
	return { ok: result.status === 0, out: (result.stdout || '').trim() };
}

function parse(version) {
	const m = SEMVER.exec(version);
	if (!m) return undefined;
	return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] };
}

/** Semantic-version order (pre-releases sort before their release; their own order is not needed here). */
function compare(a, b) {
	const x = parse(a);
	const y = parse(b);
	for (const k of ['major', 'minor', 'patch']) if (x[k] !== y[k]) return x[k] - y[k];
	if (x.pre === y.pre) return 0;
	if (!x.pre) return 1;
	if (!y.pre) return -1;
	return x.pre < y.pre ? -1 : 1;
}

function nextVersion(current, bump) {
	const v = parse(current);
	if (!v) fail(`package.json has no semantic version: ${current}`);
	if (bump === 'major') return `${v.major + 1}.0.0`;
	if (bump === 'minor') return `${v.major}.${v.minor + 1}.0`;
	if (bump === 'patch') return v.pre ? `${v.major}.${v.minor}.${v.patch}` : `${v.major}.${v.minor}.${v.patch + 1}`;
	if (parse(bump)) return bump;
	fail(`"${bump}" is neither patch, minor, major nor a version like 1.2.3`);
}

function repositoryUrl(manifest) {
	const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
	if (!url) fail('package.json has no repository URL (the changelog links need it)');
	return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** The changelog with the Unreleased notes moved under the new version, and its link references updated. */
function releaseChangelog(text, version, previous, date, repo) {
	const start = text.indexOf(UNRELEASED);
	if (start < 0) fail(`CHANGELOG.md has no "${UNRELEASED}" section`);
	const bodyStart = text.indexOf('\n', start) + 1;
	const nextSection = text.slice(bodyStart).search(/^## \[|^\[[^\]]+\]: /m);
	const bodyEnd = nextSection < 0 ? text.length : bodyStart + nextSection;
	const notes = text.slice(bodyStart, bodyEnd).trim();
	if (!notes) fail('the "Unreleased" section of CHANGELOG.md is empty: write what changed first');
	if (text.includes(`## [${version}]`)) fail(`CHANGELOG.md already has a section for ${version}`);
	let out = `${text.slice(0, bodyStart)}\n## [${version}] - ${date}\n\n${notes}\n\n${text.slice(bodyEnd)}`;
	const links = [`[Unreleased]: ${repo}/compare/v${version}...HEAD`, previous ? `[${version}]: ${repo}/compare/v${previous}...v${version}` : `[${version}]: ${repo}/releases/tag/v${version}`];
	out = out.replace(/^\[Unreleased\]: .*\n?/m, '');
	const firstLink = out.search(/^\[[^\]]+\]: /m);
	out = firstLink < 0 ? `${out.trimEnd()}\n\n${links.join('\n')}\n` : `${out.slice(0, firstLink)}${links.join('\n')}\n${out.slice(firstLink)}`;
	return out.replace(/\n{3,}/g, '\n\n');
}

function setUserAgentVersion(version) {
	const target = file(USER_AGENT_VERSION.file);
	const text = fs.readFileSync(target, 'utf8');
	if (!USER_AGENT_VERSION.pattern.test(text)) fail(`${USER_AGENT_VERSION.file} has no PACKAGE_VERSION constant`);
	fs.writeFileSync(target, text.replace(USER_AGENT_VERSION.pattern, `export const PACKAGE_VERSION = '${version}';`));
}

function changelogHasVersion(version) {
	return fs.readFileSync(file('CHANGELOG.md'), 'utf8').includes(`## [${version}] - `);
}

function verifyTag(tag) {
	const manifest = JSON.parse(fs.readFileSync(file('package.json'), 'utf8'));
	if (tag !== `v${manifest.version}`) fail(`tag ${tag} does not name package.json's version ${manifest.version}`);
	if (!changelogHasVersion(manifest.version)) fail(`CHANGELOG.md has no "## [${manifest.version}] - date" section`);
	process.stdout.write(`release: ${tag} matches package.json and CHANGELOG.md\n`);
}

function release(bump, date) {
	if (git(['status', '--porcelain']).out) fail('the working tree has uncommitted changes');
	const manifestText = fs.readFileSync(file('package.json'), 'utf8');
	const manifest = JSON.parse(manifestText);
	const current = manifest.version;
	const version = nextVersion(current, bump);
	const tags = git(['tag', '--list', 'v*']).out.split('\n').filter((t) => parse(t.slice(1)));
	if (tags.includes(`v${version}`)) fail(`tag v${version} exists already`);
	const firstRelease = version === current && !tags.length;
	if (compare(version, current) <= 0 && !firstRelease) fail(`${version} does not come after the current version ${current}`);
	const previous = tags
		.map((t) => t.slice(1))
		.filter((v) => compare(v, version) < 0)
		.sort(compare)
		.pop();

	const changelog = fs.readFileSync(file('CHANGELOG.md'), 'utf8');
	fs.writeFileSync(file('CHANGELOG.md'), releaseChangelog(changelog, version, previous, date, repositoryUrl(manifest)));
	if (version !== current) {
		fs.writeFileSync(file('package.json'), manifestText.replace(`"version": "${current}"`, `"version": "${version}"`));
		const lockPath = file('package-lock.json');
		if (fs.existsSync(lockPath)) {
			const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
			lock.version = version;
			if (lock.packages?.['']) lock.packages[''].version = version;
			fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
		}
		setUserAgentVersion(version);
	}
	git(['add', 'package.json', 'CHANGELOG.md', USER_AGENT_VERSION.file, ...(fs.existsSync(file('package-lock.json')) ? ['package-lock.json'] : [])]);
	git(['commit', '--quiet', '-m', `Release ${version}`]);
	git(['tag', '-a', `v${version}`, '-m', `${manifest.name} ${version}`]);
	process.stdout.write(
		`release: committed "Release ${version}" and tagged v${version}.\n` +
			`Push both to publish (the publish workflow runs every check first): git push origin HEAD v${version}\n`,
	);
}

function main(argv) {
	const args = [...argv];
	const option = (name) => {
		const i = args.indexOf(name);
		if (i < 0) return undefined;
		const [, value] = args.splice(i, 2);
		if (!value) fail(`${name} needs a value`);
		return value;
	};
	const tag = option('--verify-tag');
	if (tag) return verifyTag(tag);
	const date = option('--date') ?? new Date().toISOString().slice(0, 10);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(`--date ${date} is not YYYY-MM-DD`);
	if (args.length !== 1) fail('usage: npm run release -- <patch|minor|major|X.Y.Z> [--date YYYY-MM-DD]');
	release(args[0], date);
}

main(process.argv.slice(2));
