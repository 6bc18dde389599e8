/**
 * Small, valid files written from scratch, for what the sandbox hands out as files: PDFs of invoices and
 * estimates (their client links) and receipt images.
 */

/** PDF text strings escape backslashes and parentheses; anything outside printable ASCII becomes "?". */
function pdfText(text: string): string {
	return text.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
}

/**
 * One A4 page of Helvetica text lines. Objects, cross-reference table and trailer follow PDF 1.4, so PDF
 * readers (n8n's Extract from File among them) open it and read the text back.
 */
export function pdfDocument(title: string, lines: readonly string[]): Buffer {
	const body = [
		'BT',
		'/F1 18 Tf',
		'56 780 Td',
		`(${pdfText(title)}) Tj`,
		'/F1 11 Tf',
		'0 -28 Td',
		...lines.flatMap((line) => [`(${pdfText(line)}) Tj`, '0 -16 Td']),
		'ET',
	].join('\n');
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
		`<< /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream`,
		`<< /Title (${pdfText(title)}) /Producer (Harvest sandbox) >>`,
	];
	let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets: number[] = [];
	objects.forEach((object, i) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${i + 1} 0 obj\n${object}\nendobj\n`;
	});
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

/** A 1×1 GIF89a image: header, two-colour palette, one pixel (LZW minimum code size 2), trailer. */
const GIF_HEAD = Buffer.concat([
	Buffer.from('GIF89a', 'latin1'),
	Buffer.from('0100' + '0100' + '80' + '00' + '00', 'hex'), // 1×1, global palette of 2 colours
	Buffer.from('000000' + 'ffffff', 'hex'), // black, white
]);
const GIF_IMAGE = Buffer.from('2c' + '00000000' + '01000100' + '00' + '02' + '024401' + '00', 'hex'); // descriptor, LZW data
const GIF_TRAILER = Buffer.from('3b', 'hex');

/**
 * A valid GIF of exactly `size` bytes (at least 42): the pixel, padded with a comment extension, so a seeded
 * receipt keeps its size while being a real image.
 */
export function gifOfSize(size: number): Buffer {
	const fixed = GIF_HEAD.length + GIF_IMAGE.length + GIF_TRAILER.length;
	// A comment extension is 0x21 0xFE, sub-blocks of (length byte + up to 255 bytes), then a 0 terminator.
	let room = size - fixed - 3;
	if (room === 1 || room < 0) throw new Error(`A GIF of ${size} bytes cannot be made; give at least ${fixed + 5}`);
	const blocks: Buffer[] = [];
	while (room > 0) {
		// A block of length 0 would end the comment, so never leave a single byte for the last one.
		let length = Math.min(255, room - 1);
		if (room - (length + 1) === 1) length -= 1;
		blocks.push(Buffer.concat([Buffer.from([length]), Buffer.alloc(length, 0x20)]));
		room -= length + 1;
	}
	return Buffer.concat([GIF_HEAD, Buffer.from([0x21, 0xfe]), ...blocks, Buffer.from([0]), GIF_IMAGE, GIF_TRAILER]);
}
