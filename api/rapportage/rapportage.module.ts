import { Module } from '@nestjs/common';
import { RapportageController } from './rapportage.controller';
import { RapportageService } from './rapportage.service';

@Module({ controllers: [RapportageController], providers: [RapportageService] })
export class RapportageModule {}
