// `tsx test/e2e/install.ts`: fill the runtime cache (Node 24, n8n, Chromium) ahead of a test run.
import { ensureChromium, ensureRuntime, log } from './env';
import { runOk } from './proc';

async function main(): Promise<void> {
	const started = Date.now();
	const [runtime, chromium] = await Promise.all([ensureRuntime(), ensureChromium()]);
	const version = await runOk(runtime.node, [runtime.n8nBin, '--version'], { env: runtime.env });
	log(`n8n ${version.stdout.trim()} on Node ${(await runOk(runtime.node, ['-v'])).stdout.trim()}, chromium ${chromium}`);
	log(`ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
