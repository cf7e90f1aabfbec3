import { Module } from '@nestjs/common';
import { TrajectenController } from './trajecten.controller';
import { TrajectenService } from './trajecten.service';
import { TrajectenLijstService } from './trajecten-lijst.service';
import { UitlegController } from './uitleg.controller';
import { TrajectUitlegService } from './uitleg.service';

@Module({
  controllers: [TrajectenController, UitlegController],
  providers: [TrajectenService, TrajectenLijstService, TrajectUitlegService],
})
export class TrajectenModule {}
