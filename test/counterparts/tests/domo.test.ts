import { call, useCounterparts } from './helpers';

const { get, admin } = useCounterparts();

async function token(): Promise<string> {
	const info = get().info.domo;
	const basic = Buffer.from(`${info.clientId}:${info.clientSecret}`).toString('base64');
	const answer = await call(info.tokenUrl, { method: 'POST', headers: { authorization: `Basic ${basic}` }, form: 'grant_type=client_credentials&scope=data' });
	expect(answer.status).toBe(200);
	return answer.json.access_token;
}

beforeEach(() => admin('domo', 'POST', '/reset'));

test('client credentials give a bearer token; without one the API refuses', async () => {
	const info = get().info.domo;
	expect((await call(`${info.url}/v1/datasets`)).status).toBe(401);
	const bad = await call(info.tokenUrl, { method: 'POST', form: `grant_type=client_credentials&client_id=${info.clientId}&client_secret=nope` });
	expect(bad.status).toBe(401);
	const ok = await call(`${info.url}/v1/datasets`, { headers: { authorization: `bearer ${await token()}` } });
	expect(ok.status).toBe(200);
	expect(ok.json).toEqual([]);
});

test('a dataset takes CSV rows that fit its schema, and gives them back in canonical form', async () => {
	const url = get().info.domo.url;
	const auth = { authorization: `Bearer ${await token()}` };
	const schema = { columns: [{ name: 'id', type: 'LONG' }, { name: 'name', type: 'STRING' }, { name: 'hours', type: 'DECIMAL' }, { name: 'at', type: 'DATETIME' }] };
	const dataset = (await call(`${url}/v1/datasets`, { method: 'POST', headers: auth, json: { name: 'Harvest: Time Entries', schema } })).json;
	const csv = '1,"Design, phase 1",1.50,2026-01-02T03:04:05Z\n2,"Say ""hi""",2,2026-01-02T10:00:00Z\n';
	expect((await call(`${url}/v1/datasets/${dataset.id}/data`, { method: 'PUT', headers: { ...auth, 'content-type': 'text/csv' }, body: csv })).status).toBe(204);
	const exported = await call(`${url}/v1/datasets/${dataset.id}/data?includeHeader=true`, { headers: auth });
	expect(exported.text).toBe('id,name,hours,at\n1,"Design, phase 1",1.5,2026-01-02T03:04:05\n2,"Say ""hi""",2,2026-01-02T10:00:00\n');
	const wrong = await call(`${url}/v1/datasets/${dataset.id}/data`, { method: 'PUT', headers: { ...auth, 'content-type': 'text/csv' }, body: 'x,y,1,2026-01-01T00:00:00Z\n' });
	expect(wrong.status).toBe(400);
	expect(wrong.json.message).toMatch(/LONG/);
	expect((await call(`${url}/v1/datasets?nameLike=time`, { headers: auth })).json.map((d: any) => d.rows)).toEqual([2]);
	const state = (await admin('domo', 'GET', '/state')).json;
	expect(state.datasets[0].dataVersion).toBe(1);
});
