import type { IExecuteFunctions } from 'n8n-workflow';

import { checkReportRange, toDate, toDateTime, toId, toJsonObject, toNumber, toTime } from '../../nodes/HarvestApp/helpers/validation';

const ctx = { getNode: () => ({ name: 'Harvest App' }), getTimezone: () => 'Europe/Berlin' } as unknown as IExecuteFunctions;
const check = (label = 'Field', itemIndex = 3) => ({ ctx, itemIndex, label });
const message = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		return (error as Error).message;
	}
	return 'no error';
};

describe('validation readers', () => {
	it('accepts real dates, with or without the picker’s time, and refuses impossible ones', () => {
		expect(toDate(check(), '2024-02-29')).toBe('2024-02-29');
		expect(toDate(check(), '2025-03-04T00:00:00')).toBe('2025-03-04');
		expect(message(() => toDate(check('Date'), '2025-02-29'))).toBe(
			'The parameter "Date" must be a real date (YYYY-MM-DD), not "2025-02-29" [item 3]',
		);
		expect(message(() => toDate(check(), '04/03/2025'))).toMatch(/must be a real date/);
	});

	it('reads a date-time without zone in the workflow time zone', () => {
		expect(toDateTime(check(), '2025-06-01T12:00:00')).toBe('2025-06-01T10:00:00Z');
		expect(toDateTime(check(), '2025-06-01T12:00:00Z')).toBe('2025-06-01T12:00:00Z');
	});

	it('takes ids as positive whole numbers only', () => {
		expect(toId(check(), ' 42 ')).toBe(42);
		expect(toId(check(), { __rl: true, mode: 'list', value: '7' })).toBe(7);
		// A picker's default as the editor copies it into a new row: no __rl marker.
		expect(toId(check(), { mode: 'id', value: '8' })).toBe(8);
		expect(message(() => toId(check('Project'), { mode: 'list', value: '' }))).toMatch(/^The parameter "Project" is required/);
		for (const bad of ['-1', '0', '1.5', 'abc', '', '99999999999999999999']) {
			expect(message(() => toId(check('Client'), bad))).toMatch(/^The parameter "Client" (must be a positive whole number|is required)/);
		}
	});

	it('refuses negative and non-numeric numbers', () => {
		expect(toNumber(check(), '1.25')).toBe(1.25);
		expect(message(() => toNumber(check('Hours'), -0.5))).toBe('The parameter "Hours" cannot be negative (-0.5) [item 3]');
		expect(message(() => toNumber(check('Units'), 1.5, { integer: true }))).toMatch(/whole number/);
		expect(message(() => toNumber(check('Price'), 'abc', { signed: true }))).toBe('The parameter "Price" must be a number written in decimal digits, not "abc" [item 3]');
	});

	it('takes negative numbers where they are signed, and refuses zero where they must be positive', () => {
		expect(toNumber(check(), -12.5, { signed: true })).toBe(-12.5);
		expect(toNumber(check(), ' -3 ', { signed: true })).toBe(-3);
		expect(toNumber(check(), 0, { signed: true })).toBe(0);
		expect(toNumber(check(), 0.01, { positive: true })).toBe(0.01);
		expect(message(() => toNumber(check('Amount'), 0, { positive: true }))).toBe('The parameter "Amount" must be more than 0 [item 3]');
		expect(message(() => toNumber(check('Amount'), -1, { positive: true }))).toBe('The parameter "Amount" cannot be negative (-1) [item 3]');
	});

	it('accepts Harvest’s time formats', () => {
		for (const ok of ['8:00am', '12:59 PM', '0:00', '23:59']) expect(toTime(check(), ok)).toBe(ok);
		for (const bad of ['13:00pm', '24:00', '8am', '8:60']) expect(message(() => toTime(check(), bad))).toMatch(/must be a time/);
	});

	it('names the parameter when JSON does not parse', () => {
		expect(toJsonObject(check('JSON Body'), '{"a":1}')).toEqual({ a: 1 });
		expect(message(() => toJsonObject(check('JSON Body'), '{a:1}'))).toMatch(/^The parameter "JSON Body" is not valid JSON/);
		expect(message(() => toJsonObject(check('JSON Body'), '[1]'))).toMatch(/must be a JSON object/);
	});

	it('wants report periods to start on or before their end (any length: long ones are sliced)', () => {
		expect(() => checkReportRange(ctx, 0, '2020-01-01', '2026-01-01')).not.toThrow();
		expect(() => checkReportRange(ctx, 0, '2025-01-01', '2025-01-01')).not.toThrow();
		expect(message(() => checkReportRange(ctx, 0, '2025-02-01', '2025-01-01'))).toBe(
			'The parameter "To" (2025-01-01) is before the start date (2025-02-01) [item 0]',
		);
	});
});
