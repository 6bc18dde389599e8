// The editor in headless Chromium (point 4): the node creator finds both nodes, the node opens, its
// resource/operation/account lists render, a resource locator lists sandbox records, and "Execute step"
// shows the output. Screenshots go to test/e2e/artifacts/editor-*.png.
import assert from 'assert/strict';
import path from 'path';
import type { Page } from 'playwright-core';

import { openEditor } from '../browser';
import type { E2EContext } from '../context';
import type { Case } from '../harness';
import { artifactsDir } from '../paths';

const EDITOR_WORKFLOW = 'e2eEditorClient1';

const OPEN_OPTIONS = '.el-select-dropdown:visible .el-select-dropdown__item, .el-popper:visible [role="option"]';

/** Opens a parameter's dropdown and returns its option labels; closes it again. */
async function dropdownOptions(page: Page, parameter: string, screenshot?: () => Promise<unknown>): Promise<string[]> {
	await page.locator(`[data-test-id="parameter-input-${parameter}"]`).click();
	const options = page.locator(OPEN_OPTIONS);
	await options.first().waitFor();
	// Loaded options (the account list) arrive after the dropdown opens.
	await page.getByText('Loading options').first().waitFor({ state: 'hidden' }).catch(() => undefined);
	const labels = (await options.allInnerTexts()).map((text) => text.split('\n')[0].trim()).filter(Boolean);
	await screenshot?.();
	await page.keyboard.press('Escape');
	// The next dropdown must not be confused with this one while it fades out.
	await page.locator('.el-select-dropdown:visible, .el-popper:visible [role="option"]').first().waitFor({ state: 'hidden' }).catch(() => undefined);
	return labels;
}

/**
 * Opens the node creator, searches, and opens the app's panel. n8n lists a package's trigger and action node
 * under one app entry; the panel shows "Triggers" (in a workflow without one) and "Actions".
 */
async function openAppInCreator(page: Page, text: string): Promise<{ items: string[]; panel: string[] }> {
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	const search = page.locator('input[data-test-id="node-creator-search-bar"], [data-test-id="node-creator-search-bar"] input').first();
	await search.fill(text);
	const item = page.locator('[data-test-id="item-iterator-item"]').filter({ hasText: text }).first();
	await item.waitFor();
	const items = (await page.locator('[data-test-id="item-iterator-item"]').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
	await item.click();
	await page.locator('[data-test-id="node-creator"]').getByText('Actions', { exact: false }).first().waitFor();
	const panel = (await page.locator('[data-test-id="node-creator"]').innerText()).split('\n').map((l) => l.trim()).filter(Boolean);
	return { items, panel };
}

export const editorCases: Array<Case<E2EContext>> = [
	{
		name: 'editor: node creator finds both nodes; the node opens; lists render; locator loads sandbox names; Execute step shows output',
		lane: 'editor',
		timeoutMs: 240_000,
		run: async (ctx) => {
			const session = await openEditor(await ctx.chromium, ctx.n8n.baseUrl, ctx.rest.authCookie);
			const { page, shot } = session;
			try {
				// 1. In a workflow that has a trigger, the creator offers actions: "Harvest App" and its operations.
				await page.goto(`${ctx.n8n.baseUrl}/workflow/${EDITOR_WORKFLOW}`);
				const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'Get Client' });
				await node.waitFor({ timeout: 90_000 });
				const actionPanel = await openAppInCreator(page, 'Harvest App');
				assert.ok(actionPanel.items.some((i) => i.startsWith('Harvest App')), `creator items ${JSON.stringify(actionPanel.items)}`);
				for (const action of ['Create a client', 'Get a client', 'Get many clients']) {
					assert.ok(actionPanel.panel.includes(action), `actions panel lacks "${action}"`);
				}
				// The panel renders only what fits; its header counts all actions (the node has well over 100).
				const count = Number(/^Actions \((\d+)\)$/.exec(actionPanel.panel.find((l) => l.startsWith('Actions (')) ?? '')?.[1] ?? 0);
				assert.ok(count >= 100, `actions panel counts ${count} actions`);
				await shot('editor-node-creator');
				await page.keyboard.press('Escape');

				// 2. The node opens (its settings panel, NDV).
				await node.dblclick();
				await page.locator('[data-test-id="ndv"]').waitFor();

				// 3. Resource, operation and account lists render.
				const resources = await dropdownOptions(page, 'resource', () => shot('editor-resources'));
				for (const expected of ['Client', 'Project', 'Time Entry', 'User', 'Custom API Call']) {
					assert.ok(resources.includes(expected), `resource list lacks ${expected}: ${JSON.stringify(resources)}`);
				}
				const operations = await dropdownOptions(page, 'operation');
				for (const expected of ['Create', 'Get', 'Get Many', 'Update', 'Delete']) {
					assert.ok(operations.includes(expected), `operation list lacks ${expected}: ${JSON.stringify(operations)}`);
				}
				const accounts = await dropdownOptions(page, 'accountId', () => shot('editor-accounts'));
				const harvestAccounts = (ctx.sandbox.info.accounts ?? []).filter((a) => a.product !== 'forecast');
				for (const account of harvestAccounts) {
					assert.ok(accounts.includes(`${account.name} (${account.id})`), `account list: ${JSON.stringify(accounts)}`);
				}

				// 4. The client locator's list comes from the sandbox. Other cases add and remove clients meanwhile, so
				// a name counts if the sandbox had it just before or just after the list was read.
				const sandboxClients = async () =>
					(await ctx.sandbox.get<{ clients: Array<{ id: number; name: string }> }>('/clients?per_page=2000')).clients;
				const clientsBefore = await sandboxClients();
				await page.locator('[data-test-id="rlc-input"]').click();
				const items = page.locator('[data-test-id="rlc-item"]');
				await items.first().waitFor();
				const listed = (await items.allInnerTexts()).map((t) => t.trim());
				const clients = [...clientsBefore, ...(await sandboxClients())];
				const names = new Set(clients.map((c) => c.name));
				assert.ok(listed.length > 0 && listed.every((text) => names.has(text.replace(/ \(archived\)$/, ''))), `locator list: ${JSON.stringify(listed.slice(0, 5))}`);
				await shot('editor-locator');
				const chosen = listed[0];
				await items.first().click();

				// 5. "Execute step" runs the node in n8n and shows the client in the output panel.
				await page.locator('[data-test-id="node-execute-button"]').click();
				const output = page.locator('[data-test-id="output-panel"]');
				await output.getByText(chosen, { exact: true }).first().waitFor({ timeout: 60_000 });
				const expected = clients.find((c) => c.name === chosen);
				assert.ok(expected && (await output.innerText()).includes(String(expected.id)), 'output shows the client id');
				await shot('editor-node');

				// 6. A new workflow: the creator starts with triggers; "Harvest App" adds the Harvest App Trigger.
				const fresh = await session.context.newPage();
				await fresh.goto(`${ctx.n8n.baseUrl}/workflow/new`);
				await fresh.locator('[data-test-id="node-creator-plus-button"]').first().waitFor({ timeout: 90_000 });
				const triggerPanel = await openAppInCreator(fresh, 'Harvest App');
				assert.ok(triggerPanel.panel.some((line) => /^Triggers/.test(line)), `no triggers in ${JSON.stringify(triggerPanel.panel)}`);
				await fresh.locator('[data-test-id="item-iterator-item"]').filter({ hasText: 'On new or updated' }).first().click();
				const title = fresh.locator('[data-test-id="node-title-container"]');
				await title.waitFor();
				assert.match(await title.innerText(), /Harvest App Trigger/);
				await fresh.screenshot({ path: path.join(artifactsDir, 'editor-trigger.png') });
			} catch (error) {
				await shot('editor-failure').catch(() => undefined);
				const problems = session.problems.length ? `\nbrowser: ${session.problems.join('\n')}` : '';
				throw new Error(`${(error as Error).message}${problems}`);
			} finally {
				await session.close();
			}
		},
	},
];

