import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** AuditService for every feature module; needs DATA_SOURCE from the global PlatformModule. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
