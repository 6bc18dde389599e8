/** Amounts as people read them: "$10,700.00"; an unknown currency code falls back to "10700 XYZ". */
export function money(amount: unknown, currency: unknown): string {
	const value = Number(amount ?? 0);
	try {
		return new Intl.NumberFormat('en-US', { style: 'currency', currency: String(currency || 'USD') }).format(value);
	} catch {
		return `${value} ${String(currency ?? '')}`.trim();
	}
}
