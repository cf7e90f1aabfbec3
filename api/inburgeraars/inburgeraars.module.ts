import { Global, Module } from '@nestjs/common';
import { InburgeraarsController } from './inburgeraars.controller';
import { InburgeraarService } from './inburgeraars.service';

/** The person register; its service is used by trajecten (aanmelding, names) and feeds (BSN lookup). */
@Global()
@Module({
  providers: [InburgeraarService],
  exports: [InburgeraarService],
  controllers: [InburgeraarsController],
})
export class InburgeraarsModule {}
