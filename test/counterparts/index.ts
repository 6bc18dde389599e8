/**
 * The counterparts of the example workflows, as local stand-ins on one port: Bitrix24 (`/bitrix24/rest`),
 * Domo (`/domo`), Runn (`/runn`) and Upsales (`/upsales/api/v2`); admin API under `/__counterparts`.
 * See README.md for what each serves and where its behaviour is UNCONFIRMED.
 */
import { Bitrix24StandIn } from './bitrix24';
import { DomoStandIn } from './domo';
import { RunnStandIn } from './runn';
import { CounterpartServer } from './server';
import { UpsalesStandIn } from './upsales';

export interface CounterpartsOptions {
	port?: number;
	host?: string;
	/** Fixed secrets (otherwise random per start). */
	bitrix24Token?: string;
	bitrix24ApplicationToken?: string;
	runnToken?: string;
	upsalesToken?: string;
	domoClientId?: string;
	domoClientSecret?: string;
}

export interface CounterpartsInfo {
	origin: string;
	bitrix24: { url: string; token: string; webhookUrl: string; applicationToken: string };
	domo: { url: string; tokenUrl: string; clientId: string; clientSecret: string; scope: string };
	runn: { url: string; token: string; acceptVersion: string };
	upsales: { url: string; token: string; userId: number; stageId: number; productId: number; projectFieldId: number };
}

export interface Counterparts {
	info: CounterpartsInfo;
	bitrix24: Bitrix24StandIn;
	domo: DomoStandIn;
	runn: RunnStandIn;
	upsales: UpsalesStandIn;
	close(): Promise<void>;
}

export async function startCounterparts(options: CounterpartsOptions = {}): Promise<Counterparts> {
	const bitrix24 = new Bitrix24StandIn({ token: options.bitrix24Token, applicationToken: options.bitrix24ApplicationToken });
	const domo = new DomoStandIn({ clientId: options.domoClientId, clientSecret: options.domoClientSecret });
	const runn = new RunnStandIn({ token: options.runnToken });
	const upsales = new UpsalesStandIn({ token: options.upsalesToken });
	const server = new CounterpartServer([bitrix24, domo, runn, upsales]);
	const host = options.host ?? '127.0.0.1';
	const port = await server.listen(options.port ?? 0, host);
	const origin = `http://${host}:${port}`;
	const info = {
		origin,
		bitrix24: bitrix24.info(origin),
		domo: domo.info(origin),
		runn: runn.info(origin),
		upsales: upsales.info(origin),
	} as CounterpartsInfo;
	return { info, bitrix24, domo, runn, upsales, close: () => server.close() };
}
