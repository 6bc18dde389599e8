import { isoTime } from './clock';
import { type Faults, validateFaults } from './faults';
import { mutate, type MutateOperation } from './mutate';
import type { SandboxState } from './state';

export interface AdminRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	raw: Buffer;
	origin: string;
}

interface AdminReply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

const bad = (error: string): AdminReply => ({ status: 400, body: { error } });

function jsonBody(raw: Buffer): { ok: true; value: Record<string, unknown> } | { ok: false } {
	if (raw.length === 0) return { ok: true, value: {} };
	try {
		const value = JSON.parse(raw.toString('utf8'));
		return value && typeof value === 'object' && !Array.isArray(value) ? { ok: true, value } : { ok: false };
	} catch {
		return { ok: false };
	}
}

/**
 * The reserved `/__sandbox` API: request log, faults, clock, direct data changes, reset,
 * state summary and receipt downloads. No auth, never rate-limited, never logged.
 */
export function handleAdmin(state: SandboxState, req: AdminRequest): AdminReply {
	const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
	const body = jsonBody(req.raw);
	if (!body.ok) return bad('the body must be a JSON object');
	const input = body.value;

	switch (route) {
		case 'GET /__sandbox':
			return {
				status: 200,
				body: {
					endpoints: [
						'GET|DELETE /__sandbox/requests', 'GET|POST|DELETE /__sandbox/faults', 'GET|POST /__sandbox/clock',
						'POST /__sandbox/mutate', 'POST /__sandbox/mutate/batch', 'POST /__sandbox/reset', 'GET /__sandbox/state',
						'DELETE /__sandbox/rate-limits', 'GET /__sandbox/receipts/{accountId}/{expenseId}',
					],
				},
			};
		case 'GET /__sandbox/requests':
			return { status: 200, body: { requests: state.log.list() } };
		case 'DELETE /__sandbox/requests':
			state.log.clear();
			return { status: 200, body: { requests: [] } };
		case 'GET /__sandbox/faults':
			return { status: 200, body: state.faults.get() };
		case 'POST /__sandbox/faults': {
			const problem = validateFaults(input);
			if (problem) return bad(problem);
			state.faults.set(input as Partial<Faults>);
			return { status: 200, body: state.faults.get() };
		}
		case 'DELETE /__sandbox/faults':
			state.faults.clear();
			return { status: 200, body: state.faults.get() };
		case 'GET /__sandbox/clock':
			return { status: 200, body: { now: isoTime(state.clock.nowSec()), offsetSeconds: state.clock.offsetSeconds } };
		case 'POST /__sandbox/clock': {
			const offset = input.offsetSeconds;
			if (typeof offset !== 'number' || !Number.isFinite(offset)) return bad('offsetSeconds must be a number');
			state.clock.offsetSeconds = offset;
			return { status: 200, body: { now: isoTime(state.clock.nowSec()), offsetSeconds: offset } };
		}
		case 'POST /__sandbox/mutate': {
			const out = mutate(state, input as unknown as MutateOperation, req.origin);
			return { status: out.status, body: out.body };
		}
		case 'POST /__sandbox/mutate/batch': {
			if (!Array.isArray(input.operations)) return bad('operations must be an array');
			const results = (input.operations as MutateOperation[]).map((op) => mutate(state, op, req.origin));
			return { status: 200, body: { results } };
		}
		case 'POST /__sandbox/reset': {
			const seed = input.seed ?? state.seed;
			const records = input.records ?? input.timeEntries ?? state.timeEntries;
			if (typeof seed !== 'number' || !Number.isInteger(seed)) return bad('seed must be an integer');
			if (typeof records !== 'number' || !Number.isInteger(records) || records < 0) return bad('records must be an integer >= 0');
			state.generate(seed, records);
			state.limiter.reset();
			return { status: 200, body: state.summary() };
		}
		case 'GET /__sandbox/state':
			return { status: 200, body: state.summary() };
		case 'DELETE /__sandbox/rate-limits':
			state.limiter.reset();
			return { status: 200, body: { reset: true } };
	}

	const receipt = /^GET \/__sandbox\/receipts\/(\d+)\/(\d+)$/.exec(route);
	if (receipt) {
		const store = state.stores.get(Number(receipt[1]));
		const expense = store?.expenses.get(Number(receipt[2]));
		if (!expense?.receipt) return { status: 404, body: { error: 'no such receipt' } };
		return {
			status: 200,
			headers: { 'Content-Type': expense.receipt.content_type, 'Content-Disposition': `inline; filename="${expense.receipt.file_name.replace(/"/g, '')}"` },
			body: expense.receipt.data,
		};
	}
	return { status: 404, body: { error: `unknown sandbox endpoint ${route}` } };
}
