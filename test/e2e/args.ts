// Command-line options shared by the real-n8n tier runners (test/e2e/run.ts, test/deploy/run.ts).
export interface TierArgs {
	/** File to write {"passed","failed"} to (scripts/test.js reads it). */
	report?: string;
	/** Run only the cases whose name contains this text. */
	only?: string;
	/** Keep the work folder afterwards. */
	keep: boolean;
}

export function parseTierArgs(argv: string[]): TierArgs {
	const args: TierArgs = { keep: false };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--report') args.report = argv[++i];
		else if (argv[i] === '--only') args.only = argv[++i];
		else if (argv[i] === '--keep') args.keep = true;
	}
	return args;
}
