import { Module } from '@nestjs/common';
import { TrajectenService } from '../trajecten/trajecten.service';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';
import {
  BrpMutatiesController,
  CoaKoppelingenController,
  DuoKennisgevingenController,
} from './keten.controller';
import { KetenFeedsService } from './keten.service';
import { FeedLeveringenController } from './leveringen.controller';
import { FeedLeveringService } from './leveringen.service';

@Module({
  controllers: [
    FeedsController,
    DuoKennisgevingenController,
    CoaKoppelingenController,
    BrpMutatiesController,
    FeedLeveringenController,
  ],
  // The DUO kennisgeving and the COA koppeling start trajecten through the aanmelding's one door.
  providers: [FeedsService, KetenFeedsService, TrajectenService, FeedLeveringService],
})
export class FeedsModule {}
