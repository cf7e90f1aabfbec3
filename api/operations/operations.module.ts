import { Module } from '@nestjs/common';
import { EscalatierondesController } from './escalatierondes.controller';
import { OperationsController } from './operations.controller';
import { OperationsService } from './operations.service';

@Module({ controllers: [OperationsController, EscalatierondesController], providers: [OperationsService] })
export class OperationsModule {}
