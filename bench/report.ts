// The human-readable side of a run: the markdown table, the target lines, and the README section.
import fs from 'fs';

import type { BenchResults, ScenarioResult } from './results';
import type { TargetCheck } from './targets';

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

function duration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function kb(bytes: unknown): string {
	return typeof bytes === 'number' ? `${Math.round(bytes / 1024)} kB` : '?';
}

function outcome(row: ScenarioResult): string {
	if (row.notApplicable) return `— (${row.error ?? 'not applicable'})`;
	if (row.scenario.startsWith('package')) {
		const d = row.details ?? {};
		const description = `description ${(Number(d.descriptionBytes) / 1000).toFixed(1)} kB`;
		return row.node === 'harvestApp'
			? `tarball ${kb(d.tarballBytes)} (${String(d.tarballFiles)} files), dist ${kb(d.distBytes)}, ${description}`
			: `part of n8n-nodes-base, ${description}`;
	}
	if (row.completed) return 'completed';
	if (row.failedAtRequest === undefined) return `**not as expected**${row.error ? `: ${row.error.slice(0, 80)}` : ''}`;
	const status = row.failedStatus === 429 ? '429 Too Many Requests' : `status ${row.failedStatus}`;
	return `**failed** at request ${row.failedAtRequest} (${status})`;
}

function wall(row: ScenarioResult): string {
	if (row.notApplicable) return '—';
	if (row.scenario.startsWith('package')) return `${row.wallMs} ms load (cold ${String(row.details?.coldMs)} ms)`;
	const text = duration(row.wallMs);
	return row.floorMs && row.completed ? `${text} (${(row.wallMs / row.floorMs).toFixed(2)} × floor ${duration(row.floorMs)})` : text;
}

/** The count, and for a run that completed despite 429s (it waited them out) their share of its requests. */
function throttled(row: ScenarioResult): string {
	if (!row.completed || row.status429 === 0 || row.requests === 0) return String(row.status429);
	return `${row.status429} (${((row.status429 / row.requests) * 100).toFixed(2)} %)`;
}

function ratio(row: ScenarioResult): string {
	if (!row.ratio) return '';
	const parts: string[] = [];
	if (row.ratio.requests !== undefined && !row.scenario.startsWith('package')) parts.push(`req ${row.ratio.requests}`);
	if (row.ratio.wallMs !== undefined) parts.push(`${row.scenario.startsWith('package') ? 'load' : 'wall'} ${row.ratio.wallMs}`);
	if (row.ratio.peakRssMb !== undefined) parts.push(`RSS ${row.ratio.peakRssMb}`);
	return parts.join(', ');
}

export function markdownTable(rows: ScenarioResult[]): string {
	const lines = [
		'| Scenario | Node | Outcome | Requests (expected) | 429s | Wall | Peak RSS | Items | Ours / built-in |',
		'|---|---|---|---|---|---|---|---|---|',
	];
	for (const row of rows) {
		const na = row.notApplicable || row.scenario.startsWith('package');
		const requests = na ? '—' : `${row.requests}${row.expectedRequests !== undefined ? ` (${row.expectedRequests})` : ''}`;
		lines.push(
			[
				'',
				row.scenario,
				row.node === 'harvestApp' ? 'ours' : 'built-in',
				outcome(row),
				requests,
				na ? '—' : throttled(row),
				wall(row),
				row.peakRssMb !== undefined ? `${row.peakRssMb} MB` : '—',
				row.items !== undefined ? String(row.items) : '—',
				ratio(row),
				'',
			].join(' | ').trim(),
		);
	}
	return lines.join('\n');
}

export function targetLines(checks: TargetCheck[]): string {
	return checks
		.map((c) => `- ${c.met === undefined ? '·' : c.met ? '✅ met' : '❌ missed'}: ${c.target}. ${c.detail}.`)
		.join('\n');
}

function machineLine(results: BenchResults): string {
	const m = results.machine;
	return `${m.platform}, ${m.cpus} × ${m.cpuModel}, ${m.memory} RAM; n8n ${m.n8n} on Node ${m.n8nNode} (benchmark driver on Node ${m.node})`;
}

export function summary(results: BenchResults, checks: TargetCheck[], notes: string[]): string {
	return [
		`Latest run: **${results.date.slice(0, 10)}** on ${machineLine(results)}; the run took ${Math.round(results.durationMs / 60_000)} min (load average ${results.loadAverage.start} at the start, ${results.loadAverage.end} at the end).`,
		`Both nodes ran in the same n8n against the sandbox with ${results.latencyMs} ms latency and Harvest's real rate-limit windows (time scale ${results.timeScale}: 100 requests per 15 s), each scenario in its own \`n8n execute\` process. ` +
			`The latency-model listings use ${results.model.latencyMs} ms per request plus ${results.model.perRecordMs} ms per record on the page (an assumed model, see test/sandbox/README.md).`,
		'',
		markdownTable(results.scenarios),
		'',
		'Targets:',
		'',
		targetLines(checks),
		...(notes.length ? ['', 'Notes:', '', ...notes.map((n) => `- ${n}`)] : []),
		'',
		'How to run it and what each number means: [bench/README.md](bench/README.md).',
	].join('\n');
}

/** Replaces what is between the bench markers in README.md; the rest of the file is left as it is. */
export function updateReadme(file: string, section: string): void {
	const text = fs.readFileSync(file, 'utf8');
	const start = text.indexOf(START);
	const end = text.indexOf(END);
	if (start < 0 || end < start) throw new Error(`${file} has no ${START} … ${END} section`);
	fs.writeFileSync(file, `${text.slice(0, start + START.length)}\n${section}\n${text.slice(end)}`);
}
