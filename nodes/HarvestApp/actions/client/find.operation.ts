import { findOperation } from '../../helpers/find';

export const { description, execute } = findOperation('client');
