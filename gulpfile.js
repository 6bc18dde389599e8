// Copies the SVG icons and codex files next to the compiled nodes and credentials; tsc copies only code.
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', () =>
	src(['nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.', encoding: false }).pipe(
		dest(path.resolve('dist')),
	),
);
