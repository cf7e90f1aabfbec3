export type { AuditUitkomst } from '../../platform/persistence/repositories';
export { AuditModule } from './audit.module';
export { type AuditInvoer, AuditService } from './audit.service';
export { RequestId, requestIdVan } from './request-id';
