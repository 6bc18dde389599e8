/**
 * Rule: POST, PATCH and DELETE are never retried after a 5xx, a connection reset, a timeout or an unreadable
 * answer (the write may have been applied); exactly one request goes out and the error says the outcome is unknown.
 */
import nock from 'nock';
import { NodeApiError } from 'n8n-workflow';

import { harvestRequest, REQUEST_TIMEOUT_MS } from '../../nodes/shared/transport';
import { API, executeContext, netError, rejectionOf, useTransportFixture } from './support';

const clock = useTransportFixture();

const OUTCOME_UNKNOWN = /may or may not have been applied/i;

type Write = 'POST' | 'PATCH' | 'DELETE';

const failures: Array<[string, (scope: nock.Interceptor) => nock.Scope, string | undefined]> = [
	['500', (i) => i.reply(500, { message: 'Internal error' }), '500'],
	['502', (i) => i.reply(502, '<html>Bad Gateway</html>'), '502'],
	['503', (i) => i.reply(503, ''), '503'],
	['a connection reset', (i) => i.replyWithError(netError('ECONNRESET', 'socket hang up')), undefined],
	['a timeout', (i) => i.replyWithError(netError('ECONNABORTED', `timeout of ${REQUEST_TIMEOUT_MS}ms exceeded`)), undefined],
	['an unreadable 200', (i) => i.reply(200, '{"id": 4', { 'Content-Type': 'application/json' }), undefined],
];

const cases: Array<[Write, string, string | undefined, (scope: nock.Interceptor) => nock.Scope]> = [];
for (const method of ['POST', 'PATCH', 'DELETE'] as Write[]) {
	for (const [label, answer, httpCode] of failures) cases.push([method, label, httpCode, answer]);
}

describe.each(cases)('%s after %s', (method, _label, httpCode, answer) => {
	it('is sent exactly once and reported as possibly applied', async () => {
		const path = method === 'POST' ? '/time_entries' : '/time_entries/4';
		// Enough identical answers for every attempt a retrying transport would make.
		const scope = answer(nock(API).intercept(`/v2${path}`, method).times(6));
		let hits = 0;
		scope.on('request', () => hits++);
		const ctx = executeContext();

		const error = await rejectionOf(
			harvestRequest.call(ctx, {
				method,
				path,
				body: method === 'DELETE' ? undefined : { hours: 1.5 },
				itemIndex: 0,
			}),
		);

		expect(ctx.sent).toHaveLength(1);
		expect(hits).toBe(1);
		expect(clock().sleeps).toEqual([]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as unknown as NodeApiError).description).toMatch(OUTCOME_UNKNOWN);
		expect((error as unknown as NodeApiError).httpCode ?? undefined).toBe(httpCode);
	});
});

describe('a failed read', () => {
	it('does not claim that anything may have been applied', async () => {
		nock(API).get('/v2/time_entries/4').times(5).reply(500, '');

		const error = await rejectionOf(harvestRequest.call(executeContext(), { method: 'GET', path: '/time_entries/4' }));

		expect((error as unknown as NodeApiError).description).not.toMatch(OUTCOME_UNKNOWN);
	});
});
