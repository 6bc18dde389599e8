import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import YAML from 'yaml';

/**
 * Reads the shared Harvest OpenAPI description (it sits beside the checkout, as in CI) and
 * turns its schemas into ajv validators. Only tests read it; the sandbox never does.
 */
export const SPEC_PATH = process.env.HARVEST_OPENAPI ?? path.resolve(__dirname, '../../../../shared/harvest-openapi/harvest-openapi.yaml');

export interface Operation {
	method: string;
	path: string;
	op: any;
}

export function loadSpec(): any {
	return YAML.parse(fs.readFileSync(SPEC_PATH, 'utf8'));
}

export function operations(spec: any): Operation[] {
	const out: Operation[] = [];
	for (const [p, item] of Object.entries<any>(spec.paths)) {
		for (const method of ['get', 'post', 'patch', 'delete']) if (item[method]) out.push({ method: method.toUpperCase(), path: p, op: item[method] });
	}
	return out;
}

/** Embedded assignments (in time entries, expenses, project assignments) carry no project/user/task stubs. */
const EMBEDDED: Record<string, Record<string, string>> = {
	TimeEntry: { user_assignment: 'UserAssignmentEmbedded', task_assignment: 'TaskAssignmentEmbedded' },
	Expense: { user_assignment: 'UserAssignmentEmbedded' },
};

/**
 * Makes a spec schema strict about presence and lax about null: every documented property
 * must be present (nullability aside — any property may be null), except where noted.
 */
function transform(schema: any, owner: string | null): any {
	if (!schema || typeof schema !== 'object') return schema;
	const { nullable: _n, description: _d, example: _e, externalDocs: _x, ...s } = schema;
	if (s.$ref) return { anyOf: [{ $ref: s.$ref }, { type: 'null' }] };
	if (s.anyOf) return { anyOf: [...s.anyOf.map((b: any) => transform(b, null)), { type: 'null' }] };
	if (s.type === 'object' || s.properties) {
		const props: Record<string, any> = {};
		for (const [k, v] of Object.entries<any>(s.properties ?? {})) {
			const embedded = owner ? EMBEDDED[owner]?.[k] : undefined;
			props[k] = embedded ? { anyOf: [{ $ref: `#/components/schemas/${embedded}` }, { type: 'null' }] } : transform(v, null);
		}
		return { ...s, type: ['object', 'null'], properties: props, required: Object.keys(props) };
	}
	if (s.type === 'array') return { ...s, type: ['array', 'null'], items: transform(s.items, null) };
	if (s.type) return { ...s, type: [s.type, 'null'] };
	return s;
}

export function buildValidators(spec: any): { ajv: Ajv; validatorFor(schemaName: string): ValidateFunction } {
	const src = spec.components.schemas;
	const schemas: Record<string, any> = {};
	for (const [name, schema] of Object.entries<any>(src)) schemas[name] = transform(schema, name);
	// Embedded variants, without the stubs Harvest leaves out when nesting.
	schemas.UserAssignmentEmbedded = { ...schemas.UserAssignment, required: schemas.UserAssignment.required.filter((k: string) => k !== 'project' && k !== 'user') };
	schemas.TaskAssignmentEmbedded = { ...schemas.TaskAssignment, required: schemas.TaskAssignment.required.filter((k: string) => k !== 'project' && k !== 'task') };
	schemas.ProjectAssignment.properties.task_assignments = { type: ['array', 'null'], items: { anyOf: [{ $ref: '#/components/schemas/TaskAssignmentEmbedded' }, { type: 'null' }] } };
	// Known slip of the generated spec: the embedded expense category's unit_price is typed as a
	// string, while ExpenseCategory.unit_price (the same value) is a number.
	schemas.Expense.properties.expense_category.properties.unit_price = { type: ['number', 'string', 'null'] };
	// The four time reports and four expense reports share one row schema, but each report only
	// has its own columns; their required columns are checked against the documented examples.
	schemas.TimeReportsResult.required = [];
	schemas.ExpenseReportsResult.required = [];

	const ajv = new Ajv({ strict: false, allErrors: true });
	ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
	ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
	ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
	ajv.addFormat('url', /^https?:\/\/\S+$/);
	for (const f of ['int32', 'int64']) ajv.addFormat(f, { type: 'number', validate: (n: number) => Number.isInteger(n) });
	ajv.addFormat('float', { type: 'number', validate: () => true });
	ajv.addSchema({ $id: 'harvest.json', components: { schemas } });
	const cache = new Map<string, ValidateFunction>();
	return {
		ajv,
		validatorFor(name: string) {
			let v = cache.get(name);
			if (!v) cache.set(name, (v = ajv.compile({ $ref: `harvest.json#/components/schemas/${name}` })));
			return v;
		},
	};
}
