import { Module } from '@nestjs/common';
import { TrajectenController } from './trajecten.controller';
import { TrajectenService } from './trajecten.service';
import { TrajectenLijstService } from './trajecten-lijst.service';

@Module({ controllers: [TrajectenController], providers: [TrajectenService, TrajectenLijstService] })
export class TrajectenModule {}
