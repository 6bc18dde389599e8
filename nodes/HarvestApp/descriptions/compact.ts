import type { INodeProperties } from 'n8n-workflow';

/*
 * n8n sends the node's description to every editor (twice, plus an AI-tool copy), so its size matters. Many
 * operations show the very same field (a record picker, Return All, a filter collection): this describes such
 * a field once, shown for all of them, instead of once per operation. Nothing a user sees changes: every
 * operation keeps its fields, their settings and their order on screen.
 */

/** A resource|operation pair: what one screen of the node shows fields for. */
type Scope = string;
const scope = (resource: string, operation: string): Scope => `${resource}|${operation}`;

const list = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.map(String) : undefined);
const union = (a: readonly string[], b: readonly string[]) => [...a, ...b.filter((v) => !a.includes(v))];
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

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
	const resources = list(show?.resource);
	const operations = list(show?.operation);
	if (!show || !resources || !operations) return undefined;
	const otherShow: Record<string, unknown> = { ...show };
	delete otherShow.resource;
	delete otherShow.operation;
	const otherDisplay: Record<string, unknown> = { ...displayOptions };
	delete otherDisplay.show;
	return { resources, operations, identity: JSON.stringify([rest, otherShow, otherDisplay]) };
}

/**
 * The operations of each resource, from the operation selectors among the properties (a selector shown for
 * its resources, with the operations as options). A resource without such a selector may have any.
 */
function operationsOf(properties: readonly INodeProperties[]): Map<string, Set<string>> {
	const known = new Map<string, Set<string>>();
	for (const property of properties) {
		const resources = list(property.displayOptions?.show?.resource);
		if (property.name !== 'operation' || property.type !== 'options' || !resources || !property.options?.length) continue;
		for (const resource of resources) {
			const operations = known.get(resource) ?? new Set<string>();
			for (const option of property.options) if ('value' in option) operations.add(String(option.value));
			known.set(resource, operations);
		}
	}
	return known;
}

/** Whether n8n shows the property on the screen of this resource and operation (other conditions aside). */
function showsOn(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show;
	const resources = list(show?.resource);
	const operations = list(show?.operation);
	return (!resources || resources.includes(resource)) && (!operations || operations.includes(operation));
}

/** Whether the edges between groups (`from → to` per screen, in screen order) have no cycle. */
function acyclic(count: number, edges: Array<[number, number]>): boolean {
	const next: number[][] = Array.from({ length: count }, () => []);
	for (const [from, to] of edges) next[from].push(to);
	const state = new Uint8Array(count); // 0 unvisited, 1 on the path, 2 done
	for (let start = 0; start < count; start++) {
		if (state[start]) continue;
		const stack: Array<[number, number]> = [[start, 0]];
		state[start] = 1;
		while (stack.length) {
			const top = stack[stack.length - 1];
			const [node, index] = top;
			if (index === next[node].length) {
				state[node] = 2;
				stack.pop();
				continue;
			}
			top[1] += 1;
			const to = next[node][index];
			if (state[to] === 1) return false;
			if (!state[to]) {
				state[to] = 1;
				stack.push([to, 0]);
			}
		}
	}
	return true;
}

/**
 * Merges properties that differ only in the resources or operations they show for, so that every screen (a
 * resource and one of its operations) still shows exactly its fields, in the same order.
 * - n8n shows a field for every resource in its list combined with every operation in its list, so copies are
 *   joined only when each combination of the joined lists that exists (the resource has that operation) was
 *   shown by one of them: a picker shown for Create of expenses and Get of projects stays two, as expenses have
 *   Get too.
 * - n8n shows fields in the order of the list. Each screen's order is a chain of "comes before"; a merge is taken
 *   only if the chains of all screens still fit in one list (no cycle), which is then written in the original
 *   order wherever the chains leave a choice.
 */
export function mergeSharedFields(properties: readonly INodeProperties[]): INodeProperties[] {
	const known = operationsOf(properties);
	const exists = (resource: string, operation: string) => known.get(resource)?.has(operation) ?? true;
	const parts = properties.map(split);

	// The screens: every known operation of a resource, and every combination a property names that may exist.
	const screens = new Map<Scope, [string, string]>();
	for (const [resource, operations] of known) for (const operation of operations) screens.set(scope(resource, operation), [resource, operation]);
	for (const part of parts) {
		for (const resource of part?.resources ?? []) {
			for (const operation of part?.operations ?? []) if (exists(resource, operation)) screens.set(scope(resource, operation), [resource, operation]);
		}
	}
	const order = [...screens.values()].map(([resource, operation]) =>
		properties.flatMap((property, index) => (showsOn(property, resource, operation) ? [index] : [])),
	);

	// Groups of merged copies: `group[i]` is the group of property i, named by its first copy.
	const group = properties.map((_, index) => index);
	const members = properties.map((_, index) => [index]);
	const wanted = properties.map((_, index) => {
		const own = new Set<Scope>();
		for (const resource of parts[index]?.resources ?? []) for (const operation of parts[index]?.operations ?? []) own.add(scope(resource, operation));
		return own;
	});
	const edgesWith = (rename: (index: number) => number) =>
		order.flatMap((shown) => shown.slice(1).map((index, i): [number, number] => [rename(shown[i]), rename(index)]));

	/** Whether group `b` can join group `a`: `joinable` says which lists may differ in this pass. */
	const canJoin = (a: number, b: number, joinable: (a: Split, b: Split) => boolean) => {
		const [first, second] = [parts[a]!, parts[b]!];
		if (first.identity !== second.identity || !joinable(first, second)) return false;
		if ([...wanted[b]].some((s) => wanted[a].has(s))) return false;
		const resources = union(first.resources, second.resources);
		const operations = union(first.operations, second.operations);
		const covered = resources.every((r) => operations.every((o) => !exists(r, o) || wanted[a].has(scope(r, o)) || wanted[b].has(scope(r, o))));
		return covered && acyclic(properties.length, edgesWith((i) => (group[i] === b ? a : group[i])));
	};
	const join = (a: number, b: number) => {
		for (const index of members[b]) group[index] = a;
		members[a].push(...members[b]);
		members[b] = [];
		for (const s of wanted[b]) wanted[a].add(s);
		parts[a] = { ...parts[a]!, resources: union(parts[a]!.resources, parts[b]!.resources), operations: union(parts[a]!.operations, parts[b]!.operations) };
	};
	// Copies of one resource first, then of the same operations, then any: each pass leaves fuller groups for the next.
	const passes: Array<(a: Split, b: Split) => boolean> = [
		(a, b) => sameList(a.resources, b.resources),
		(a, b) => sameList(a.operations, b.operations),
		() => true,
	];
	for (const joinable of passes) {
		const heads = () => properties.flatMap((_, index) => (parts[index] && group[index] === index ? [index] : []));
		for (const b of heads()) {
			const a = heads().find((head) => head < b && canJoin(head, b, joinable));
			if (a !== undefined) join(a, b);
		}
	}

	// One list in which every screen's chain holds: the earliest property whose predecessors are all placed.
	const groups = [...new Set(group)];
	const before = new Map<number, Set<number>>(groups.map((g) => [g, new Set<number>()]));
	for (const [from, to] of edgesWith((i) => group[i])) before.get(to)!.add(from);
	const placed = new Set<number>();
	const result: INodeProperties[] = [];
	while (placed.size < groups.length) {
		const nextGroup = groups.find((g) => !placed.has(g) && [...before.get(g)!].every((b) => placed.has(b)))!;
		placed.add(nextGroup);
		const property = properties[nextGroup];
		const part = parts[nextGroup];
		if (members[nextGroup].length === 1 || !part) {
			result.push(property);
			continue;
		}
		const display = property.displayOptions!;
		result.push({ ...property, displayOptions: { ...display, show: { ...display.show, resource: part.resources, operation: part.operations } } });
	}
	return result;
}
