import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** AuditService for every feature module; needs the AuditRepository of the global InfrastructureModule. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
