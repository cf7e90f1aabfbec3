import { Module } from '@nestjs/common';
import { AanbiedersController } from './aanbieders.controller';
import { AanbiedersService } from './aanbieders.service';

@Module({ controllers: [AanbiedersController], providers: [AanbiedersService] })
export class AanbiedersModule {}
