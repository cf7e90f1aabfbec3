import { Module } from '@nestjs/common';
import { TrajectenController } from './trajecten.controller';
import { TrajectenService } from './trajecten.service';

@Module({ controllers: [TrajectenController], providers: [TrajectenService] })
export class TrajectenModule {}
