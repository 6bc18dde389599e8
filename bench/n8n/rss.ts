// Memory of a running process group from /proc (Linux): the leader's high-water mark (VmHWM, kept by the
// kernel, so a short spike between samples is not lost) and the peak of the whole group's summed RSS
// (n8n plus its task runner), sampled.
import fs from 'fs';

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
	try {
		const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined;
	}
}

function groupMembers(pgid: number): number[] {
	const members: number[] = [];
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			// Fields after the parenthesised command: state, ppid, pgrp, …
			const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(fields[2]) === pgid) members.push(Number(name));
		} catch {
			// The process ended while we looked.
		}
	}
	return members;
}

export interface RssSampler {
	stop(): { peakRssMb?: number; treePeakRssMb?: number };
}

export function sampleRss(pid: number, intervalMs = 100): RssSampler {
	let hwmKb = 0;
	let treeKb = 0;
	const sample = () => {
		hwmKb = Math.max(hwmKb, statusKb(pid, 'VmHWM') ?? 0);
		const sum = groupMembers(pid).reduce((total, member) => total + (statusKb(member, 'VmRSS') ?? 0), 0);
		treeKb = Math.max(treeKb, sum);
	};
	sample();
	const timer = setInterval(sample, intervalMs);
	return {
		stop: () => {
			clearInterval(timer);
			const mb = (kb: number) => (kb ? Math.round(kb / 102.4) / 10 : undefined);
			return { peakRssMb: mb(hwmKb), treePeakRssMb: mb(treeKb) };
		},
	};
}
