/**
 * Where Harvest serves documents to a client, below the account's web address
 * (https://{subdomain}.harvestapp.com, Company's `base_uri`) rather than the API. The client key of the
 * document is the only credential such a link needs.
 */
export const CLIENT_LINKS = {
	// Documented: the client link /client/invoices/{CLIENT_KEY} "can also add .pdf" for the PDF.
	invoice: '/client/invoices/{clientKey}.pdf',
	// UNCONFIRMED: the docs show the estimate's client link (/client/estimates/{CLIENT_KEY}) but not its PDF;
	// `.pdf` is assumed to work as for invoices. A refusal is reported with what Harvest answered.
	estimate: '/client/estimates/{clientKey}.pdf',
} as const;

export type ClientLinkKind = keyof typeof CLIENT_LINKS;

/** The path of a document's PDF below the account's web address. */
export function clientLinkPath(kind: ClientLinkKind, clientKey: string): string {
	return CLIENT_LINKS[kind].replace('{clientKey}', encodeURIComponent(clientKey));
}
