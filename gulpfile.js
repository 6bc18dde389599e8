// Copies the SVG icons and codex files next to the compiled code; tsc copies only TypeScript output.
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', () =>
	src(['icons/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg', 'nodes/**/*.node.json'], {
		base: '.',
		encoding: false,
	}).pipe(dest(path.resolve('dist'))),
);
