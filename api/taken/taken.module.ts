import { Module } from '@nestjs/common';
import { TakenController } from './taken.controller';
import { TakenService } from './taken.service';

@Module({ controllers: [TakenController], providers: [TakenService] })
export class TakenModule {}
