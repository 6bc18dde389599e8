/**
 * Every parameter a user can set on an operation, found in the node's own description: top-level fields,
 * the options of collections and the values of fixed collections (first row), each with where it sits in the
 * parameters and the label an error about it must carry.
 */
import type { IDataObject, INodeProperties, INodePropertyCollection } from 'n8n-workflow';

export interface FieldRef {
	/** Where the value sits in the node's parameters, e.g. ['additionalFields', 'notes']. */
	path: Array<string | number>;
	property: INodeProperties;
	/** The editor's name for the field, which a refusal must contain. */
	label: string;
	/** The enclosing collection's editor name, if any (a refusal may name it instead, e.g. for a whole row). */
	parentLabel?: string;
	/** The enclosing collection, whose own display conditions apply too. */
	parent?: INodeProperties;
}

const SKIPPED_TYPES = new Set(['notice', 'hidden', 'button', 'credentialsSelect', 'curlImport']);

function visibleFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show;
	return !!show?.resource?.includes(resource) && !!show?.operation?.includes(operation);
}

/** The fields of `resource.operation`, plus the shared Account field every operation has. */
export function operationFields(properties: INodeProperties[], resource: string, operation: string): FieldRef[] {
	const out: FieldRef[] = [];
	const account = properties.find((p) => p.name === 'accountId');
	if (account) out.push({ path: ['accountId'], property: account, label: account.displayName });
	for (const property of properties) {
		if (!visibleFor(property, resource, operation) || SKIPPED_TYPES.has(property.type)) continue;
		out.push({ path: [property.name], property, label: property.displayName });
		if (property.type === 'collection') {
			for (const option of (property.options ?? []) as INodeProperties[]) {
				if (SKIPPED_TYPES.has(option.type)) continue;
				out.push({ path: [property.name, option.name], property: option, label: option.displayName, parentLabel: property.displayName, parent: property });
			}
		}
		if (property.type === 'fixedCollection') {
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				for (const value of group.values) {
					if (SKIPPED_TYPES.has(value.type)) continue;
					const path = property.typeOptions?.multipleValues ? [property.name, group.name, 0, value.name] : [property.name, group.name, value.name];
					out.push({ path, property: value, label: value.displayName, parentLabel: property.displayName, parent: property });
				}
			}
		}
	}
	return out;
}

/** A deep copy of `parameters` with `value` at `path` (intermediate objects and lists are created). */
export function withValue(parameters: IDataObject, path: Array<string | number>, value: unknown): IDataObject {
	const copy = structuredClone(parameters) as IDataObject;
	let at: Record<string | number, unknown> = copy;
	for (const [i, key] of path.entries()) {
		if (i === path.length - 1) {
			at[key] = value;
			break;
		}
		const nextIsIndex = typeof path[i + 1] === 'number';
		if (at[key] === undefined || at[key] === null || typeof at[key] !== 'object') at[key] = nextIsIndex ? [] : {};
		at = at[key] as Record<string | number, unknown>;
	}
	return copy;
}

/**
 * `parameters` changed so that the field is shown: each sibling its `displayOptions.show` names (other than
 * resource and operation) gets the first value that shows it, unless it already has one of them.
 */
export function showing(parameters: IDataObject, field: FieldRef): IDataObject {
	let out = parameters;
	const conditions: Array<[INodeProperties, Array<string | number>]> = [[field.property, field.path.slice(0, -1)]];
	if (field.parent) conditions.unshift([field.parent, []]);
	for (const [property, container] of conditions) {
		for (const [name, values] of Object.entries(property.displayOptions?.show ?? {})) {
			if (name === 'resource' || name === 'operation' || !Array.isArray(values) || values.length === 0) continue;
			const siblingPath = [...container, name];
			const current = siblingPath.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key as string], out);
			if (!values.includes(current as never)) out = withValue(out, siblingPath, values[0]);
		}
	}
	return out;
}
