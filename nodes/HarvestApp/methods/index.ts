import { getAccounts } from '../../shared/methods/accounts';

import { getUsers } from './users';

export { listSearch } from './listSearch';
export const loadOptions = { getAccounts, getUsers };
