import { Global, Module } from '@nestjs/common';
import { VerwerkingService } from './verwerking.service';
import { VerwerkingenController } from './verwerkingen.controller';

/** The processing log: written by every module that touches personal data, read by the privacy officer. */
@Global()
@Module({
  providers: [VerwerkingService],
  exports: [VerwerkingService],
  controllers: [VerwerkingenController],
})
export class VerwerkingenModule {}
