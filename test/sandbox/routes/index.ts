import { Router } from '../router';
import { registerAssignments } from './assignments';
import { registerCategories } from './categories';
import { registerClients } from './clients';
import { registerCompany } from './company';
import { registerEstimates } from './estimates';
import { registerExpenses } from './expenses';
import { registerInvoiceMessages } from './invoiceMessages';
import { registerInvoices } from './invoices';
import { registerPeople } from './people';
import { registerProjects } from './projects';
import { registerReports } from './reports';
import { registerTasks } from './tasks';
import { registerTimeEntries } from './timeEntries';
import { registerUsers } from './users';

/** All 113 Harvest API v2 operations (method + path below `/v2`). */
export function buildApiRouter(): Router {
	const r = new Router();
	registerClients(r);
	registerCompany(r);
	registerInvoices(r);
	registerInvoiceMessages(r);
	registerCategories(r);
	registerEstimates(r);
	registerExpenses(r);
	registerTasks(r);
	registerTimeEntries(r);
	registerProjects(r);
	registerAssignments(r);
	registerUsers(r);
	registerPeople(r);
	registerReports(r);
	return r;
}
