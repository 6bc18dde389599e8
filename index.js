// n8n reads the "n8n" section of package.json to find nodes and credentials; this entry exists so that
// `require('n8n-nodes-harvestapp')` resolves for tools that expect a main module.
module.exports = {};
