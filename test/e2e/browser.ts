// Headless Chromium (Debian's package) driven by playwright-core, logged in with the REST session's cookie.
import path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { artifactsDir } from './paths';

export interface EditorSession {
	browser: Browser;
	context: BrowserContext;
	page: Page;
	/** Console errors and page errors seen so far (for failure messages). */
	problems: string[];
	shot: (name: string) => Promise<string>;
	close: () => Promise<void>;
}

export async function openEditor(executablePath: string, baseUrl: string, authCookie: string): Promise<EditorSession> {
	const browser = await chromium.launch({
		executablePath,
		headless: true,
		// No sandbox: CI runs as root. The rest keeps Chromium from reaching out or needing a GPU.
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-quic',
		],
	});
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
	const [name, ...value] = authCookie.split('=');
	await context.addCookies([{ name, value: value.join('='), url: baseUrl }]);
	const page = await context.newPage();
	page.setDefaultTimeout(30_000);
	const problems: string[] = [];
	page.on('pageerror', (error) => problems.push(`pageerror: ${error.message.slice(0, 200)}`));
	return {
		browser,
		context,
		page,
		problems,
		shot: async (shotName: string) => {
			const file = path.join(artifactsDir, `${shotName}.png`);
			await page.screenshot({ path: file });
			return file;
		},
		close: async () => {
			await browser.close().catch(() => undefined);
		},
	};
}
