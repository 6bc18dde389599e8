import { RequestLog, safeQuery, type LoggedRequestBase } from './requestLog';

describe('the request log shared by the sandbox and the stand-ins', () => {
	it('leaves out every secret parameter either fake knows, whatever its case', () => {
		const query = new URLSearchParams('auth=a&TOKEN=b&access_token=c&refresh_token=d&client_secret=e&code=f&password=g&page=2&token_type=bearer');
		expect(safeQuery(query)).toEqual({ page: '2', token_type: 'bearer' });
	});

	it('keeps the most recent entries, numbered in arrival order, and hands out copies', () => {
		const log = new RequestLog<LoggedRequestBase & { n: number }>(4);
		for (let n = 1; n <= 11; n++) log.add({ time: '2026-01-01T00:00:00Z', method: 'GET', path: '/', query: { n: String(n) }, status: 200, bodyBytes: 0, n });
		const listed = log.list();
		expect(listed.map((e) => [e.seq, e.n])).toEqual([[8, 8], [9, 9], [10, 10], [11, 11]]);
		listed[0].query.n = 'changed';
		expect(log.list()[0].query.n).toBe('8');
		log.clear();
		expect(log.list()).toEqual([]);
	});
});
