// Removes dist/ before a build so that deleted sources never linger in the published tarball.
require('fs').rmSync(require('path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
