// Closing notes: the "why" behind what the table shows, stated only when the run shows it.
import { BENCH } from './config';
import { CREATE_SCENARIO } from './scenarios/create';
import { LATENCY_CASES } from './scenarios/latency';
import { LIST_CASES } from './scenarios/list';
import { QUEUE_ITEMS, QUEUE_SCENARIO, QUEUE_WORKFLOWS } from './scenarios/queue';
import type { ScenarioResult } from './results';

export function closingNotes(rows: ScenarioResult[]): string[] {
	const notes: string[] = [];
	const failedOn429 = rows.filter((r) => r.node === 'builtin' && !r.completed && !r.notApplicable && r.status429 > 0);
	if (failedOn429.length) {
		notes.push(
			`The built-in node stops at Harvest's first 429 (${failedOn429.map((r) => `${r.scenario}: request ${r.failedAtRequest}`).join('; ')}): ` +
				'it has no throttle and no 429 handling, and n8n\'s Retry On Fail is off by default. The workflow fails there; ' +
				'what it wrote before stays written.',
		);
	}
	const create = rows.find((r) => r.scenario === CREATE_SCENARIO && r.node === 'harvestApp');
	if (create?.floorMs) {
		notes.push(
			'Floor for 1,000 creates = 1,000 requests / 100 per window × 15 s = 150 s. Our governor sends request n+100 ' +
				'15.5 s after request n (a 500 ms margin per window), and the last window is not waited out, so it can end just under the floor.',
		);
	}
	const queue = rows.find((r) => r.scenario === QUEUE_SCENARIO && r.node === 'harvestApp');
	if (queue?.floorMs) notes.push(queueNote(queue));
	const free = LIST_CASES[2];
	if (rows.some((r) => r.scenario === free.scenario)) {
		notes.push(
			`"${free.scenario}" runs the same listing on a second sandbox without rate limits (same data, same latency), ` +
				'to show what the built-in node costs where Harvest\'s limit does not stop it.',
		);
	}
	const ours = rows.find((r) => r.scenario === free.scenario && r.node === 'harvestApp');
	const theirs = rows.find((r) => r.scenario === free.scenario && r.node === 'builtin');
	if (ours?.completed && theirs?.completed) notes.push(whereTimeGoes(ours, theirs));
	const model = LATENCY_CASES.map((c) => modelNote(rows, c)).filter((n): n is string => !!n);
	if (model.length) {
		const page = BENCH.model.latencyMs + BENCH.maxPerPage * BENCH.model.perRecordMs;
		notes.push(
			`Latency model: every request waits ${BENCH.model.latencyMs} ms, then ${BENCH.model.perRecordMs} ms per record on its page, so a full page of ` +
				`${BENCH.maxPerPage} takes ${sec(page)} of waiting and one of 100 takes ${sec(BENCH.model.latencyMs + 100 * BENCH.model.perRecordMs)}. ` +
				'No published figures of Harvest\'s response times were found, so this is an assumption (a sandbox parameter). ' +
				'"One page at a time" is the same build with page reads made sequential by a preload (bench/n8n/sequential-reads.cjs). ' +
				model.join(' '),
		);
	}
	return notes;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Splits each listing into waiting (requests × latency) and the rest: producing, sending and parsing the same
 * JSON and building the same n8n items, which both nodes pay. Fewer requests only shrink the first part.
 */
function whereTimeGoes(ours: ScenarioResult, theirs: ScenarioResult): string {
	const waitOurs = ours.requests * BENCH.latencyMs;
	const waitTheirs = theirs.requests * BENCH.latencyMs;
	const ratio = ours.wallMs / theirs.wallMs;
	return (
		`Where the time goes in the reference listing: ours waits ${ours.requests} × ${BENCH.latencyMs} ms = ${sec(waitOurs)} and spends ` +
		`${sec(ours.wallMs - waitOurs)} on ${ours.responseMb ?? '?'} MB of JSON (the sandbox producing it, the transfer, parsing, ${ours.items} n8n items); ` +
		`the built-in node waits ${theirs.requests} × ${BENCH.latencyMs} ms = ${sec(waitTheirs)} and spends ${sec(theirs.wallMs - waitTheirs)} on ` +
		`${theirs.responseMb ?? '?'} MB. Requests fall 20×, the per-record work does not, so the wall ratio is ${ratio.toFixed(3)}` +
		(ratio > 0.1
			? `, ${((ratio / 0.1 - 1) * 100).toFixed(0)} % above 1/10: at 50 ms latency, 1/10 needs that per-record work to be under about ` +
				`${sec((0.1 * waitTheirs - waitOurs) / 0.9)}, which this machine does not manage for 20,000 time entries.`
			: '.')
	);
}

/**
 * What the latency model predicts for one case: one page at a time waits pages × page time; reading a few at a
 * time waits the first page, then the rest in rounds. The rest of each wall is the client's per-record work.
 */
function modelNote(rows: ScenarioResult[], c: (typeof LATENCY_CASES)[number]): string | undefined {
	const parallel = rows.find((r) => r.scenario === c.scenario && r.node === 'harvestApp');
	const sequential = rows.find((r) => r.scenario === c.sequentialScenario && r.node === 'harvestApp');
	if (!parallel?.completed || !sequential?.completed) return undefined;
	const pages = parallel.requests;
	const full = Math.min(c.records, BENCH.maxPerPage);
	const pageMs = BENCH.model.latencyMs + full * BENCH.model.perRecordMs;
	const atOnce = Math.max(1, parallel.mostAtOnce ?? 1);
	const waitSequential = pages * pageMs;
	const waitParallel = pageMs * (1 + Math.ceil((pages - 1) / atOnce));
	return (
		`${c.records.toLocaleString('en-US')} entries (${pages} pages): one at a time waits about ${sec(waitSequential)} and took ${sec(sequential.wallMs)}; ` +
		`${atOnce} at a time waits about ${sec(waitParallel)} and took ${sec(parallel.wallMs)}.`
	);
}

/** The queue row's floor, and where its time above the floor went, from the sandbox's log of that run. */
function queueNote(queue: ScenarioResult): string {
	const total = QUEUE_WORKFLOWS * QUEUE_ITEMS;
	const d = queue.details ?? {};
	const at = (d.status429AtS as number[] | undefined) ?? [];
	const per15s = (d.acceptedPer15s as number[] | undefined) ?? [];
	const workers = (d.workersUsed as string[] | undefined) ?? [];
	return (
		`Queue mode: floor for ${total.toLocaleString('en-US')} creates = ${total.toLocaleString('en-US')} / 100 per window × 15 s = ${sec(queue.floorMs ?? 0)}; ` +
		`the wall is the sandbox's first arrival to its last answer, ${sec(queue.wallMs)} (${overOrUnder(queue.wallMs - (queue.floorMs ?? 0))}). ` +
		(workers.length ? `The ${workers.length} executions ran on ${workers.join(', ')}. ` : '') +
		(at.length ? `The ${at.length} 429s arrived ${at.length > 12 ? `between ${at[0]} s and ${at[at.length - 1]} s` : `at ${at.join(', ')} s`} after the first request. ` : 'No 429s. ') +
		(per15s.length ? `Creates accepted per 15 s from the first request: ${per15s.join(', ')} (Harvest's limit allows 100 in any 15 s).` : '')
	);
}

/** A run can end under the floor: the last 100 requests may all go once the 11th window has passed (165 s for 1,200). */
function overOrUnder(ms: number): string {
	return ms >= 0 ? `${sec(ms)} over` : `${sec(-ms)} under: the last window need not be waited out`;
}
