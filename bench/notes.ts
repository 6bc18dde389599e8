// Closing notes: the "why" behind what the table shows, stated only when the run shows it.
import { CREATE_SCENARIO } from './scenarios/create';
import { LIST_CASES } from './scenarios/list';
import type { ScenarioResult } from './results';

export function closingNotes(rows: ScenarioResult[]): string[] {
	const notes: string[] = [];
	const failedOn429 = rows.filter((r) => r.node === 'builtin' && !r.completed && !r.notApplicable && r.status429 > 0);
	if (failedOn429.length) {
		notes.push(
			`The built-in node stops at Harvest's first 429 (${failedOn429.map((r) => `${r.scenario}: request ${r.failedAtRequest}`).join('; ')}): ` +
				'it sends 100 records per page and has no throttle or retry, and n8n\'s Retry On Fail is off by default.',
		);
	}
	const create = rows.find((r) => r.scenario === CREATE_SCENARIO && r.node === 'harvestApp');
	if (create?.floorMs) {
		notes.push(
			'Floor for 1,000 creates = 1,000 requests / 100 per window × 15 s = 150 s. Our governor sends request n+100 ' +
				'15.5 s after request n (a 500 ms margin per window), and the last window is not waited out, so it can end just under the floor.',
		);
	}
	const free = LIST_CASES[2];
	if (rows.some((r) => r.scenario === free.scenario)) {
		notes.push(
			`"${free.scenario}" runs the same listing on a second sandbox without rate limits (same data, same latency), ` +
				'to show what the built-in node costs where Harvest\'s limit does not stop it.',
		);
	}
	return notes;
}
