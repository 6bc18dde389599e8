import type { IPollFunctions } from 'n8n-workflow';

/**
 * The poll's parameters, read once at its start, and a poll context that answers `getNodeParameter` from them.
 * n8n evaluates parameters in an expression isolate that it acquires and releases around each poll; when polls
 * of one workflow overlap, one poll's release can take the isolate from under another ("No bridge acquired for
 * this context"). A poll that has read everything before its first request needs no isolate afterwards.
 */
export function withParametersReadNow(ctx: IPollFunctions, names: readonly string[]): IPollFunctions {
	const values = new Map<string, { value?: unknown; error?: unknown }>();
	for (const name of names) {
		try {
			values.set(name, { value: ctx.getNodeParameter(name, undefined) });
		} catch (error) {
			values.set(name, { error });
		}
	}
	const snapshot = Object.create(ctx) as IPollFunctions;
	snapshot.getNodeParameter = ((name: string, fallback?: unknown) => {
		const read = values.get(name);
		if (!read) return ctx.getNodeParameter(name, fallback as never);
		if (read.error !== undefined) {
			if (fallback !== undefined) return fallback;
			throw read.error;
		}
		return read.value === undefined ? fallback : read.value;
	}) as IPollFunctions['getNodeParameter'];
	return snapshot;
}
