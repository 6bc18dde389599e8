import { documentPdfOperation } from '../../helpers/download';

export const { description, execute } = documentPdfOperation('estimate', 'GET /estimates/{estimateId}');
