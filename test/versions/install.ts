// `tsx test/versions/install.ts`: fill the runtime cache with every n8n version the smokes run on, ahead of a run,
// and say how long each took (cold-cost measurements; point HARVESTAPP_E2E_CACHE and npm_config_cache at empty
// folders to measure a fresh machine). Installs two at a time, as the version tier does.
import { ensureRuntime, log, runtimeIsCached, SUPPORTED_RUNTIMES, type RuntimeSpec } from '../e2e/env';

const PARALLEL = 2;

async function main(): Promise<void> {
	const started = Date.now();
	const queue = [...SUPPORTED_RUNTIMES];
	const took: string[] = [];
	const install = async (spec: RuntimeSpec) => {
		const from = Date.now();
		const cached = runtimeIsCached(spec);
		await ensureRuntime(spec);
		took.push(`n8n ${spec.n8n} on Node ${spec.node}: ${cached ? 'cached' : `${Math.round((Date.now() - from) / 1000)} s`}`);
	};
	const lane = async () => {
		for (let spec = queue.shift(); spec; spec = queue.shift()) await install(spec);
	};
	await Promise.all(Array.from({ length: PARALLEL }, lane));
	for (const line of took) log(line);
	log(`all ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
