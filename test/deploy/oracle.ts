// What the trigger owed, judged from the outside: the writes the test made, the polls that read the list (seen
// by the tap) and the items that reached the workflow's next node. Pure, so its rules are unit-tested
// (oracle.test.ts) apart from n8n.
//
// A version is a record's (id, updated_at). Harvest keeps only the current state, so a version that was replaced
// before any poll read it cannot be reported by anyone; the trigger owes the versions that a completed poll read
// once their second was over (SETTLE_SECONDS) and while they were still current.

export interface Write {
	id: number;
	/** updated_at in whole seconds, as the sandbox stamped it. */
	updatedAt: number;
	/** What the write set (a unique note), to check that items carry the last content of their second. */
	content: string;
	/** Date.now() just before the write was sent and just after it was answered. */
	startedAt: number;
	doneAt: number;
}

export interface Read {
	/** Date.now() when the poll's request arrived at the tap and when its answer had left. */
	arrivedAt: number;
	answeredAt: number;
	/** False for a poll whose main was killed before it could hand its items on. */
	completed: boolean;
}

export interface Delivery {
	id: number;
	updatedAt: number;
	content: string;
	executionId: string;
}

export interface Verdict {
	/** Distinct versions the test made. */
	versions: number;
	/** Versions a completed poll read while current and settled: each must be delivered once. */
	owed: number;
	delivered: number;
	lost: string[];
	/** Owed or not, a version delivered more than once (key → times). */
	repeated: Array<{ key: string; times: number }>;
	/** Delivered with content other than the last its record had in that second. */
	wrongContent: string[];
	/** Delivered but never written by the test (must be empty; the watched sandbox has no other writer). */
	unknown: string[];
	/** Versions replaced before any completed poll could read them (nobody can report those). */
	unseen: number;
}

export const versionKey = (id: number, updatedAt: number): string => `${id}@${updatedAt}`;

/** Seconds a version must be over before the trigger reports it: its second S-1 must have ended (plan.ts). */
export interface JudgeOptions {
	settleSeconds: number;
}

interface Version {
	id: number;
	updatedAt: number;
	content: string;
	/** When the version's last write was answered: from then on a read sees its final content. */
	visibleFrom: number;
	/** When the record's next version started to be written (Infinity when it is the final one). */
	replacedAt: number;
}

function versionsOf(writes: Write[]): Map<string, Version> {
	const byRecord = new Map<number, Write[]>();
	for (const write of writes) byRecord.set(write.id, [...(byRecord.get(write.id) ?? []), write]);
	const versions = new Map<string, Version>();
	for (const [id, list] of byRecord) {
		const ordered = [...list].sort((a, b) => a.startedAt - b.startedAt);
		ordered.forEach((write, i) => {
			const key = versionKey(id, write.updatedAt);
			const next = ordered.slice(i + 1).find((w) => w.updatedAt !== write.updatedAt);
			// Writes in one second make one version; the last of them sets its content.
			versions.set(key, {
				id,
				updatedAt: write.updatedAt,
				content: write.content,
				visibleFrom: write.doneAt,
				replacedAt: next ? next.startedAt : Infinity,
			});
		});
	}
	return versions;
}

export function judge(writes: Write[], reads: Read[], deliveries: Delivery[], options: JudgeOptions): Verdict {
	const versions = versionsOf(writes);
	const completed = reads.filter((r) => r.completed);
	const owed = new Set<string>();
	for (const [key, v] of versions) {
		const read = completed.find(
			(r) =>
				r.arrivedAt >= v.visibleFrom &&
				r.answeredAt <= v.replacedAt &&
				// The answer's Date second S is at least the arrival's second; the version is settled when updated_at < S - settle.
				Math.floor(r.arrivedAt / 1000) - options.settleSeconds > v.updatedAt,
		);
		if (read) owed.add(key);
	}
	const times = new Map<string, number>();
	const wrongContent: string[] = [];
	const unknown: string[] = [];
	for (const d of deliveries) {
		const key = versionKey(d.id, d.updatedAt);
		times.set(key, (times.get(key) ?? 0) + 1);
		const version = versions.get(key);
		if (!version) unknown.push(key);
		else if (version.content !== d.content) wrongContent.push(key);
	}
	const everRead = (v: Version) => completed.some((r) => r.arrivedAt >= v.visibleFrom && r.answeredAt <= v.replacedAt);
	return {
		versions: versions.size,
		owed: owed.size,
		delivered: deliveries.length,
		lost: [...owed].filter((key) => !times.has(key)).sort(),
		repeated: [...times].filter(([, n]) => n > 1).map(([key, n]) => ({ key, times: n })),
		wrongContent: [...new Set(wrongContent)].sort(),
		unknown: [...new Set(unknown)].sort(),
		unseen: [...versions].filter(([key, v]) => !owed.has(key) && !times.has(key) && !everRead(v)).length,
	};
}
