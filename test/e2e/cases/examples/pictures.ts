// The README's pictures of the example workflows: each opened in the editor in headless Chromium, fitted to the
// view and photographed. They go to test/e2e/artifacts/example-*.png on every run, and to docs/examples/ (the
// committed ones) when HARVESTAPP_E2E_PICTURES=update is set.
import assert from 'assert/strict';
import fs from 'fs';
import path from 'path';

import { openEditor } from '../../browser';
import type { E2EContext } from '../../context';
import { EXAMPLES } from '../../examples/build';
import type { Case } from '../../harness';
import { artifactsDir, repoRoot } from '../../paths';

/** Where the README's pictures live. */
export const PICTURES_DIR = path.join(repoRoot, 'docs', 'examples');

export const pictureCases: Array<Case<E2EContext>> = [
	{
		name: 'examples: each example opens in the editor with all its nodes; pictures for the README',
		lane: 'editor',
		timeoutMs: 240_000,
		run: async (ctx) => {
			const session = await openEditor(await ctx.chromium, ctx.n8n.baseUrl, ctx.rest.authCookie);
			const { page } = session;
			const update = process.env.HARVESTAPP_E2E_PICTURES === 'update';
			try {
				await page.setViewportSize({ width: 1920, height: 1080 });
				for (const [file, build] of Object.entries(EXAMPLES)) {
					const workflow = build();
					await page.goto(`${ctx.n8n.baseUrl}/workflow/${workflow.id}`);
					const nodes = page.locator('[data-test-id="canvas-node"]');
					await nodes.first().waitFor({ timeout: 90_000 });
					// Fit the whole workflow into the view ("1" is the editor's zoom-to-fit), then let it settle.
					await page.locator('[data-test-id="canvas-wrapper"], .vue-flow').first().click({ position: { x: 5, y: 5 } }).catch(() => undefined);
					await page.keyboard.press('1');
					await page.waitForTimeout(800);
					// Every node is on the canvas (sticky notes may count as canvas nodes too).
					const working = workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
					const shown = await nodes.allTextContents();
					const missing = working.filter((n) => !shown.some((text) => text.includes(n.name)));
					assert.deepEqual(missing.map((n) => n.name), [], `${file}: nodes not on the canvas`);
					const name = file.replace(/\.json$/, '.png');
					const shot = path.join(artifactsDir, `example-${name}`);
					await page.screenshot({ path: shot });
					if (update) {
						fs.mkdirSync(PICTURES_DIR, { recursive: true });
						fs.copyFileSync(shot, path.join(PICTURES_DIR, name));
					}
				}
			} catch (error) {
				await page.screenshot({ path: path.join(artifactsDir, 'example-failure.png') }).catch(() => undefined);
				const problems = session.problems.length ? `\nbrowser: ${session.problems.join('\n')}` : '';
				throw new Error(`${(error as Error).message}${problems}`);
			} finally {
				await session.close();
			}
		},
	},
];
