import { getAccounts } from '../../shared/methods/accounts';

export { listSearch } from './listSearch';
export const loadOptions = { getAccounts };
