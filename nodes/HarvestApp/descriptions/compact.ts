import type { INodeProperties } from 'n8n-workflow';

/*
 * n8n sends the node's description to every editor (twice, plus an AI-tool copy), so its size matters. Many
 * operations show the very same field (a record picker, Return All, a filter collection): this describes such
 * a field once, shown for all of them, instead of once per operation. Nothing a user sees changes: every
 * operation keeps its fields, their settings and their order on screen.
 */

const EVERY = '*';

interface Split {
	resources: string[];
	operations: string[];
	/** Everything but the resource and operation lists, which merging widens (other conditions included). */
	identity: string;
}

/** A property shown for listed resources and operations, taken apart; undefined for any other property. */
function split(property: INodeProperties): Split | undefined {
	const { displayOptions, ...rest } = property;
	const show = displayOptions?.show;
	if (!show || !Array.isArray(show.resource) || !Array.isArray(show.operation)) return undefined;
	const { resource, operation, ...otherShow } = show;
	const otherDisplay: Record<string, unknown> = { ...displayOptions };
	delete otherDisplay.show;
	return {
		resources: resource.map(String),
		operations: operation.map(String),
		identity: JSON.stringify([rest, otherShow, otherDisplay]),
	};
}

/** The resource/operation pairs a property may show for ('*' = any), for keeping the order on screen. */
function scopes(property: INodeProperties): string[] {
	const show = property.displayOptions?.show;
	const resources = Array.isArray(show?.resource) ? show.resource.map(String) : [EVERY];
	const operations = Array.isArray(show?.operation) ? show.operation.map(String) : [EVERY];
	return resources.flatMap((resource) => operations.map((operation) => `${resource}|${operation}`));
}

interface Group {
	property: INodeProperties;
	resources: string[];
	operations: string[];
	identity?: string;
	/** Another copy was merged in, so the conditions are rewritten. */
	merged?: boolean;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * Merges properties that differ only in the resources or operations they show for (same resources: their
 * operations are joined; same operations: their resources are joined), where every operation still sees its
 * fields in the same order. A merged field sits where its first copy was, so a merge is taken only when, for
 * each resource/operation the later copy showed for, no field shown there lies between the two places.
 */
export function mergeSharedFields(properties: readonly INodeProperties[]): INodeProperties[] {
	const groups: Group[] = [];
	const byIdentity = new Map<string, number[]>();
	/** For each resource|operation pair (or wildcard), the position of the last group shown there. */
	const lastShown = new Map<string, number>();
	const lastBefore = (scope: string): number => {
		const [resource, operation] = scope.split('|');
		return Math.max(
			lastShown.get(scope) ?? -1,
			lastShown.get(`${resource}|${EVERY}`) ?? -1,
			lastShown.get(`${EVERY}|${operation}`) ?? -1,
			lastShown.get(`${EVERY}|${EVERY}`) ?? -1,
		);
	};
	const note = (scope: string, position: number) => lastShown.set(scope, Math.max(lastShown.get(scope) ?? -1, position));

	for (const property of properties) {
		const condition = split(property);
		const own = scopes(property);
		if (condition) {
			const key = condition.identity;
			const target = (byIdentity.get(key) ?? []).find((position) => {
				const group = groups[position];
				const joinable = sameList(group.resources, condition.resources) || sameList(group.operations, condition.operations);
				return joinable && own.every((scope) => lastBefore(scope) < position);
			});
			if (target !== undefined) {
				const group = groups[target];
				group.merged = true;
				if (sameList(group.resources, condition.resources)) {
					group.operations = [...group.operations, ...condition.operations.filter((o) => !group.operations.includes(o))];
				} else {
					group.resources = [...group.resources, ...condition.resources.filter((r) => !group.resources.includes(r))];
				}
				for (const scope of own) note(scope, target);
				continue;
			}
			byIdentity.set(key, [...(byIdentity.get(key) ?? []), groups.length]);
			groups.push({ property, identity: key, resources: condition.resources, operations: condition.operations });
		} else {
			groups.push({ property, resources: [], operations: [] });
		}
		for (const scope of own) note(scope, groups.length - 1);
	}

	return groups.map(({ property, merged, resources, operations }) => {
		if (!merged) return property;
		const display = property.displayOptions!;
		return { ...property, displayOptions: { ...display, show: { ...display.show, resource: resources, operation: operations } } };
	});
}
